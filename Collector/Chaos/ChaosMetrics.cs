using System.Diagnostics.Metrics;
using Ingest.Collector.Diagnostics;

namespace Ingest.Collector.Chaos;

/// <summary>Counts what Collector:Chaos injected (meter <c>Ingest.Collector</c>, <c>ingest.chaos.injections</c>, tagged by kind).</summary>
internal sealed class ChaosMetrics
{
    private readonly Counter<long> _injections;
    private long _total;

    public ChaosMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _injections = meterFactory.Create(IngestMetrics.MeterName)
            .CreateCounter<long>("ingest.chaos.injections", "{injection}", "Faults, delays, dropped acks and aborted streams injected by Collector:Chaos.");
    }

    /// <summary>Injections since the collector started.</summary>
    public long Total => Interlocked.Read(ref _total);

    public void Injected(string kind)
    {
        Interlocked.Increment(ref _total);
        _injections.Add(1, new KeyValuePair<string, object?>("kind", kind));
    }
}
