namespace Ingest.Collector.Storage;

/// <summary>A sensor as stored: its kind (empty when unknown) and its highest settled sequence.</summary>
internal sealed record SensorRecord(string SensorId, string Kind, long SettledSequence);
