using System.Globalization;
using Ingest.Protocol;
using Ingest.SensorSimulator.Settings;

namespace Ingest.SensorSimulator.Hosting;

/// <summary>
/// What the status line says until the first acknowledgement: the collector acknowledges an upload window when it ends
/// (after <c>UploadWindowDuration</c> or <c>UploadWindowBatches</c> batches), not batch by batch, so <c>acked=0</c> with
/// thousands unacked is expected for the first seconds of a run.
/// </summary>
internal static class FirstAckHint
{
    /// <summary>
    /// How long after the start the first acknowledgement is expected: the first batch is sealed (full, or as old as
    /// <c>BatchMaxAge</c>), its upload window ends, and the collector answers (a second allowed for greeting and commit).
    /// </summary>
    public static TimeSpan ExpectedAfter(SimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var batchEvery = Min(options.SamplingInterval * Math.Max(1, options.BatchSize), options.BatchMaxAge);
        var window = Min(options.UploadWindowDuration, batchEvery * Math.Max(1, options.UploadWindowBatches));
        return batchEvery + window + TimeSpan.FromSeconds(1);
    }

    /// <summary>
    /// The hint, <paramref name="elapsed"/> after the start: <c>acks come per upload window (up to 5s or 50 batches): the
    /// first expected within 2s</c>, or, once that time has passed, how late it is.
    /// </summary>
    public static string Describe(SimulatorOptions options, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(options);
        var window = string.Create(CultureInfo.InvariantCulture,
            $"acks come per upload window (up to {DurationText.Format(options.UploadWindowDuration)} or {options.UploadWindowBatches} batches)");
        var remaining = ExpectedAfter(options) - elapsed;
        return remaining > TimeSpan.Zero
            ? string.Create(CultureInfo.InvariantCulture, $"{window}: the first expected within {Math.Ceiling(remaining.TotalSeconds)}s")
            : string.Create(CultureInfo.InvariantCulture, $"{window}: the first was expected {Math.Floor(-remaining.TotalSeconds)}s ago; see retries and the collector's log");
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
