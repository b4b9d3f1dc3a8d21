using System.ComponentModel.DataAnnotations;

namespace Ingest.Collector.Aggregation;

/// <summary>Windowed aggregates, sensor liveness and subscriptions. Section <c>Collector:Aggregation</c>.</summary>
internal sealed class AggregationOptions : IValidatableObject
{
    public const string SectionName = "Collector:Aggregation";

    private static readonly TimeSpan[] DefaultWindows = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60)];

    /// <summary>
    /// The tumbling window sizes kept for every sensor, each from 100 ms to 1 day in whole milliseconds.
    /// Default (when none are set): 1 s, 10 s and 60 s. Left empty here because configuration binding
    /// appends to a list rather than replacing it; read <see cref="WindowSizes"/>.
    /// </summary>
    public List<TimeSpan> Windows { get; set; } = [];

    /// <summary>The window a subscriber gets when it does not ask for one; must be one of <see cref="Windows"/>. Default: 1 s.</summary>
    public TimeSpan DefaultWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How far behind a sensor's latest timestamp a reading may be and still update its closed window. Default: 5 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan AllowedLateness { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A sensor quiet this long is stale, and its open windows close. Default: 5 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A sensor quiet this long is offline; must exceed <see cref="StaleAfter"/>. Default: 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan OfflineAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A sensor quiet this long leaves the live view (not storage); must exceed <see cref="OfflineAfter"/>. Default: 10 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "30.00:00:00")]
    public TimeSpan EvictAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A subscriber that was sent nothing for this long gets a heartbeat. Default: 5 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Subscribe streams open at once; more get ResourceExhausted with a retry hint. Default: 100.</summary>
    [Range(1, 100_000)]
    public int MaxSubscribers { get; set; } = 100;

    /// <summary>
    /// Subscribe streams one key holds open at once (a call without a key counts by its remote address); one more gets
    /// ResourceExhausted with a retry hint, so that one key's idle subscribers cannot lock every other dashboard out.
    /// Default: 25, a quarter of <see cref="MaxSubscribers"/>'s default.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxSubscribersPerKey { get; set; } = 25;

    /// <summary>Closed windows kept per sensor and window size, for late readings to update. Default: 8.</summary>
    [Range(1, 1_000)]
    public int ClosedWindowsKept { get; set; } = 8;

    /// <summary>
    /// Committed batches queued for the aggregator; when it falls this far behind, further batches skip the
    /// aggregates (counted in the metric <c>ingest.aggregation.feed.overflowed</c>) and never slow a commit.
    /// Default: 4,096.
    /// </summary>
    [Range(1, 1_000_000)]
    public int FeedCapacityBatches { get; set; } = 4096;

    /// <summary>How often liveness, quiet windows and collector statistics are checked. Default: 250 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:10")]
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The window sizes kept: <see cref="Windows"/> without duplicates, in ascending order, or the defaults.</summary>
    public IReadOnlyList<TimeSpan> WindowSizes => Windows.Count == 0 ? DefaultWindows : [.. Windows.Distinct().Order()];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var window in WindowSizes)
        {
            if (window < TimeSpan.FromMilliseconds(100) || window > TimeSpan.FromDays(1) || window.Ticks % TimeSpan.TicksPerMillisecond != 0)
            {
                yield return new ValidationResult(
                    $"Window {window} must be from 100 ms to 1 day, in whole milliseconds.", [nameof(Windows)]);
            }
        }

        if (!WindowSizes.Contains(DefaultWindow))
        {
            yield return new ValidationResult(
                $"DefaultWindow {DefaultWindow} is not one of the Windows ({string.Join(", ", WindowSizes)}); add it to Windows or pick one of them.",
                [nameof(DefaultWindow)]);
        }

        var smallest = WindowSizes[0];
        if (smallest * ClosedWindowsKept < AllowedLateness)
        {
            yield return new ValidationResult(
                $"ClosedWindowsKept ({ClosedWindowsKept}) windows of {smallest} cover less than AllowedLateness ({AllowedLateness}), so late readings within it would be lost; keep at least {Math.Ceiling(AllowedLateness / smallest)} or lower AllowedLateness.",
                [nameof(ClosedWindowsKept)]);
        }

        if (OfflineAfter <= StaleAfter)
        {
            yield return new ValidationResult($"OfflineAfter ({OfflineAfter}) must be longer than StaleAfter ({StaleAfter}).", [nameof(OfflineAfter)]);
        }

        if (EvictAfter <= OfflineAfter)
        {
            yield return new ValidationResult($"EvictAfter ({EvictAfter}) must be longer than OfflineAfter ({OfflineAfter}).", [nameof(EvictAfter)]);
        }
    }
}
