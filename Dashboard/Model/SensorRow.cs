namespace Ingest.Dashboard.Model;

/// <summary>What the dashboard knows of one sensor: its latest window and the means of recent windows.</summary>
internal sealed record SensorRow(WindowAggregate Latest, MeanHistory History)
{
    public string SensorId => Latest.SensorId;

    public string Kind => Latest.Kind;

    public SensorStatus Status => Latest.Status;

    /// <summary>True while the collector knows the sensor only through rejected batches.</summary>
    public bool RejectedOnly => Latest.RejectedOnly;

    /// <summary>A row for a sensor first seen in <paramref name="aggregate"/>.</summary>
    public static SensorRow First(WindowAggregate aggregate, int historyCapacity) =>
        new SensorRow(aggregate, MeanHistory.Empty(historyCapacity)).With(aggregate);

    /// <summary>
    /// This row updated by <paramref name="aggregate"/>: it becomes the latest window unless it is older than the
    /// one shown, and its mean enters the history when it holds readings. The sensor's rejections are the
    /// newest update's either way: they count the sensor's batches, not a window's.
    /// </summary>
    public SensorRow With(WindowAggregate aggregate)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        var history = aggregate.Count > 0 ? History.Record(aggregate.WindowStart, aggregate.Mean) : History;
        var latest = aggregate.WindowStart >= Latest.WindowStart
            ? aggregate
            : Latest with { RejectedBatches = aggregate.RejectedBatches, LastRejection = aggregate.LastRejection };
        return new SensorRow(latest, history);
    }
}
