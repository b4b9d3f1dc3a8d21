using Ingest.Collector.Sequencing;

namespace Ingest.Collector.Storage;

/// <summary>
/// What one transaction writes to a sensor's row: where it now stands, and what to add to its totals — provided the
/// row still stands where this collector last saw it (<see cref="Expected"/>).
/// </summary>
internal sealed class SensorWrite(string sensorId, string kind, SensorCursor expected)
{
    public string SensorId { get; } = sensorId;

    /// <summary>Where the sensor's row stood when this collector decided the write; the write applies only if it still does.</summary>
    public SensorCursor Expected { get; } = expected;

    /// <summary>The sensor's kind, empty when unknown (a known kind is then kept).</summary>
    public string Kind { get; } = kind;

    /// <summary>The settled sequence and session after the transaction; neither goes back in storage.</summary>
    public SensorCursor Cursor { get; set; }

    /// <summary>Added to the sensor's stored totals.</summary>
    public SensorTotals Added { get; set; }
}
