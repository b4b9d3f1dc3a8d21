using Ingest.Collector.Sequencing;

namespace Ingest.Collector.Storage;

/// <summary>What one transaction writes to a sensor's row: where it now stands, and what to add to its totals.</summary>
internal sealed class SensorWrite(string sensorId, string kind)
{
    public string SensorId { get; } = sensorId;

    /// <summary>The sensor's kind, empty when unknown (a known kind is then kept).</summary>
    public string Kind { get; } = kind;

    /// <summary>The settled sequence and session after the transaction; neither goes back in storage.</summary>
    public SensorCursor Cursor { get; set; }

    /// <summary>Added to the sensor's stored totals.</summary>
    public SensorTotals Added { get; set; }
}
