using System.Collections.Concurrent;
using Ingest.ServiceDefaults.Logging;
using Microsoft.Extensions.Options;

namespace Ingest.Collector.Diagnostics;

/// <summary>
/// Paces the log lines of refusals and rejections, which a hostile or broken client can cause by the thousand a second:
/// each is counted per reason, and a line is due at most once per reason per <see cref="Interval"/>, whatever its level,
/// carrying the count since the line before (so the lines of a reason add up to all that happened, the last ones once
/// the next line is due). The caller writes the line with the latest case's details when <see cref="Count"/> says so.
/// </summary>
internal sealed class RefusalLog
{
    public const string BatchRejected = "batch_rejected";
    public const string UploadRefused = "upload_refused";
    public const string SensorLimit = "sensor_limit";
    public const string UploadEndedEarly = "upload_ended_early";
    public const string GapRecorded = "gap_recorded";
    public const string GreetingConflict = "greeting_conflict";
    public const string SubscriberRefused = "subscriber_refused";
    public const string ControlRefused = "control_refused";
    public const string ControlSilent = "control_silent";
    public const string ConfigRejected = "config_rejected";
    public const string QueryRefused = "query_refused";
    public const string QueryWriteTimedOut = "query_write_timed_out";
    public const string RegistrationRate = "registration_rate";
    public const string RegistrationCap = "registration_cap";
    public const string MessageTooSlow = "message_too_slow";

    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, Tally> _tallies = new(StringComparer.Ordinal);

    public RefusalLog(TimeProvider time, IOptions<RefusalLogOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        Interval = options.Value.Interval;
    }

    /// <summary>The least time between two lines of one reason.</summary>
    public TimeSpan Interval { get; }

    /// <summary>
    /// Counts one case of <paramref name="reason"/>; returns the cases since the last line of that reason (this one
    /// included) when a line is due now, else 0.
    /// </summary>
    public long Count(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var tally = _tallies.GetOrAdd(reason, _ => new Tally(new LogThrottle(_time, Interval)));
        Interlocked.Increment(ref tally.Since);
        Interlocked.Increment(ref tally.Total);
        return tally.Throttle.TryEnter() ? Interlocked.Exchange(ref tally.Since, 0) : 0;
    }

    /// <summary>Cases of <paramref name="reason"/> since start.</summary>
    public long Total(string reason) => _tallies.TryGetValue(reason, out var tally) ? Interlocked.Read(ref tally.Total) : 0;

    private sealed class Tally(LogThrottle throttle)
    {
        public readonly LogThrottle Throttle = throttle;

        public long Since;

        public long Total;
    }
}
