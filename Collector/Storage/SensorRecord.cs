namespace Ingest.Collector.Storage;

/// <summary>A sensor as stored: its kind (empty when unknown), highest settled sequence, current session and totals.</summary>
internal sealed record SensorRecord(string SensorId, string Kind, long SettledSequence, long Session = 0, SensorTotals Totals = default);
