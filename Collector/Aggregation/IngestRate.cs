namespace Ingest.Collector.Aggregation;

/// <summary>Readings committed per second over a short recent span, from samples of the running total.</summary>
internal sealed class IngestRate(TimeSpan span, TimeProvider timeProvider)
{
    private readonly Queue<(long Timestamp, long Readings)> _samples = new();

    /// <summary>Adds a sample of the running total taken at <paramref name="timestamp"/> and returns the recent rate.</summary>
    public double Sample(long timestamp, long readingsCommitted)
    {
        _samples.Enqueue((timestamp, readingsCommitted));
        while (_samples.Count > 1 && timeProvider.GetElapsedTime(_samples.Peek().Timestamp, timestamp) > span)
        {
            _samples.Dequeue();
        }

        var (oldestAt, oldestReadings) = _samples.Peek();
        var seconds = timeProvider.GetElapsedTime(oldestAt, timestamp).TotalSeconds;
        return seconds <= 0 ? 0 : (readingsCommitted - oldestReadings) / seconds;
    }
}
