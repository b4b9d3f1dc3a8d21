using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Ingest.Collector.Diagnostics;

namespace Ingest.Collector.Chaos;

/// <summary>Counts what Collector:Chaos injected (meter <c>Ingest.Collector</c>, <c>ingest.chaos.injections</c>, tagged by kind).</summary>
internal sealed class ChaosMetrics
{
    private readonly Counter<long> _injections;
    private readonly ConcurrentDictionary<string, long> _byKind = new(StringComparer.Ordinal);
    private long _total;

    public ChaosMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _injections = meterFactory.Create(IngestMetrics.MeterName)
            .CreateCounter<long>("ingest.chaos.injections", "{injection}", "Faults, delays, dropped acks and aborted streams injected by Collector:Chaos.");
    }

    /// <summary>Injections since the collector started.</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <summary>Injections since the collector started, by kind (one of <see cref="ChaosKind"/>'s; only kinds injected at least once).</summary>
    public IReadOnlyDictionary<string, long> ByKind() => _byKind.ToDictionary(StringComparer.Ordinal);

    public void Injected(string kind)
    {
        Interlocked.Increment(ref _total);
        _byKind.AddOrUpdate(kind, 1, (_, count) => count + 1);
        _injections.Add(1, new KeyValuePair<string, object?>("kind", kind));
    }
}
