using System.Collections.Concurrent;
using Ingest.ServiceDefaults.Logging;

namespace Ingest.Collector.Diagnostics;

/// <summary>
/// Paces the log lines of something that may happen thousands of times a second (a refusal, a stream ended by a
/// limit): counts each occurrence per reason, and says when a line is due, at most once per reason per
/// <see cref="Interval"/>, with the count since the last line. Reasons are a fixed set of constants, so the table stays
/// small.
/// </summary>
internal sealed class ReasonPacer(TimeProvider time)
{
    /// <summary>The least time between two lines of one reason.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, Tally> _tallies = new(StringComparer.Ordinal);

    /// <summary>Counts one occurrence of <paramref name="reason"/>; returns the count since the last line when a line is due now, else 0.</summary>
    public long Count(string reason)
    {
        var tally = _tallies.GetOrAdd(reason, static (_, clock) => new Tally(new LogThrottle(clock, Interval)), time);
        Interlocked.Increment(ref tally.Since);
        return tally.Throttle.TryEnter() ? Interlocked.Exchange(ref tally.Since, 0) : 0;
    }

    private sealed class Tally(LogThrottle throttle)
    {
        public readonly LogThrottle Throttle = throttle;

        public long Since;
    }
}
