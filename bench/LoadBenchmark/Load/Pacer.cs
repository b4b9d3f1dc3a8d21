namespace Ingest.LoadBenchmark.Load;

/// <summary>
/// Spaces one sensor's batches evenly at a fixed rate, for the rate-limited (half-load) run: batch k is
/// due at start + k * interval. A late batch goes at once and the schedule catches up, so the average
/// rate holds even where timers are coarse.
/// </summary>
internal sealed class Pacer(TimeProvider time, TimeSpan interval)
{
    private readonly long _start = time.GetTimestamp();
    private long _sent;

    /// <summary>Waits until the next batch is due.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        var due = _start + (long)(_sent * interval.TotalSeconds * time.TimestampFrequency);
        _sent++;
        var wait = time.GetElapsedTime(time.GetTimestamp(), due);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }
    }
}
