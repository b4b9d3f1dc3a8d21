using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Ingest.Collector.Diagnostics;

/// <summary>
/// Counts what callers send that the collector refuses (metric <c>ingest.calls.refused</c>, tagged with the
/// reason) and paces the warnings about it: each refusal is logged at Debug, and a warning with the count
/// since the last one is due at most once per reason per <see cref="WarningInterval"/>, so that a
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
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, Tally> _tallies = new(StringComparer.Ordinal);

    public RefusedCalls(IMeterFactory meterFactory, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _time = time;
        _refused = meterFactory.Create(IngestMetrics.MeterName)
            .CreateCounter<long>("ingest.calls.refused", "{call}", "Calls or messages refused for the caller's fault, tagged with the reason.");
    }

    /// <summary>
    /// Counts one refusal of <paramref name="reason"/> (one of this class's constants, so the table stays
    /// bounded); returns the refusals since the last warning of that reason when a warning is due now, else 0.
    /// </summary>
    public long Count(string reason)
    {
        _refused.Add(1, new KeyValuePair<string, object?>("reason", reason));
        var tally = _tallies.GetOrAdd(reason, static _ => new Tally());
        var now = _time.GetTimestamp();
        lock (tally)
        {
            tally.Since++;
            if (tally.WarnedAt is { } warnedAt && _time.GetElapsedTime(warnedAt, now) < WarningInterval)
            {
                return 0;
            }

            var count = tally.Since;
            (tally.WarnedAt, tally.Since) = (now, 0);
            return count;
        }
    }

    private sealed class Tally
    {
        public long? WarnedAt { get; set; }

        public long Since { get; set; }
    }
}
