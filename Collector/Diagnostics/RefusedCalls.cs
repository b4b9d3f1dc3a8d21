using System.Diagnostics.Metrics;
using Ingest.ServiceDefaults.Logging;

namespace Ingest.Collector.Diagnostics;

/// <summary>
/// Counts what callers send that the collector refuses (metric <c>ingest.calls.refused</c>, tagged with the
/// reason) and paces the warnings about it: a warning with the count since the last one is due at most once
/// per reason per <see cref="WarningInterval"/>, and nothing is logged between (at any level), so that a
/// misconfigured or hostile client cannot flood the log.
/// </summary>
internal sealed class RefusedCalls
{
    public const string Unauthenticated = "unauthenticated";
    public const string PermissionDenied = "permission_denied";
    public const string StatusIgnored = "status_ignored";
    public const string AckIgnored = "ack_ignored";

    /// <summary>The least time between two warnings of one reason.</summary>
    public static readonly TimeSpan WarningInterval = TimeSpan.FromSeconds(10);

    private readonly Counter<long> _refused;
    private readonly Dictionary<string, Tally> _tallies;

    public RefusedCalls(IMeterFactory meterFactory, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _refused = meterFactory.Create(IngestMetrics.MeterName)
            .CreateCounter<long>("ingest.calls.refused", "{call}", "Calls or messages refused for the caller's fault, tagged with the reason.");
        _tallies = new[] { Unauthenticated, PermissionDenied, StatusIgnored, AckIgnored }
            .ToDictionary(reason => reason, _ => new Tally(new LogThrottle(time, WarningInterval)), StringComparer.Ordinal);
    }

    /// <summary>
    /// Counts one refusal of <paramref name="reason"/> (one of this class's constants); returns the refusals since
    /// the last warning of that reason when a warning is due now, else 0.
    /// </summary>
    public long Count(string reason)
    {
        _refused.Add(1, new KeyValuePair<string, object?>("reason", reason));
        var tally = _tallies[reason];
        Interlocked.Increment(ref tally.Since);
        Interlocked.Increment(ref tally.Total);
        return tally.Throttle.TryEnter() ? Interlocked.Exchange(ref tally.Since, 0) : 0;
    }

    /// <summary>Refusals since start, by reason (only reasons counted at least once).</summary>
    public IReadOnlyDictionary<string, long> Totals() => _tallies
        .Select(pair => (pair.Key, Total: Interlocked.Read(ref pair.Value.Total)))
        .Where(pair => pair.Total > 0)
        .ToDictionary(pair => pair.Key, pair => pair.Total, StringComparer.Ordinal);

    private sealed class Tally(LogThrottle throttle)
    {
        public readonly LogThrottle Throttle = throttle;

        public long Since;

        public long Total;
    }
}
