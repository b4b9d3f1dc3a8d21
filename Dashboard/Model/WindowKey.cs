namespace Ingest.Dashboard.Model;

/// <summary>One sensor's tumbling window: the same key from two collectors is one window, split between them.</summary>
internal readonly record struct WindowKey(string SensorId, DateTimeOffset WindowStart, TimeSpan Window)
{
    public static WindowKey Of(WindowAggregate aggregate)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        return new WindowKey(aggregate.SensorId, aggregate.WindowStart, aggregate.Window);
    }
}
