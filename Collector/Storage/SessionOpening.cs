namespace Ingest.Collector.Storage;

/// <summary>A greeting's request to open the sensor's next session.</summary>
/// <param name="Kind">The kind the sensor greeted with.</param>
/// <param name="LostThrough">The sensor reports every sequence above its settled one up to this as lost; 0 for none.</param>
internal sealed record SessionOpening(string Kind, long LostThrough);
