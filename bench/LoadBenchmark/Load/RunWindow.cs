namespace Ingest.LoadBenchmark.Load;

/// <summary>
/// The measured interval of a run, in <see cref="TimeProvider.GetTimestamp"/> ticks: it starts after the
/// warm-up and lasts the run's duration. Acknowledgements count when they arrive inside it.
/// </summary>
internal sealed record RunWindow(long StartTimestamp, long EndTimestamp, TimeSpan Duration)
{
    /// <summary>The window that starts <paramref name="warmUp"/> after now and lasts <paramref name="duration"/>.</summary>
    public static RunWindow StartingAfter(TimeProvider time, TimeSpan warmUp, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(time);
        var start = time.GetTimestamp() + (long)(warmUp.TotalSeconds * time.TimestampFrequency);
        return new RunWindow(start, start + (long)(duration.TotalSeconds * time.TimestampFrequency), duration);
    }

    public bool Contains(long timestamp) => timestamp >= StartTimestamp && timestamp <= EndTimestamp;
}
