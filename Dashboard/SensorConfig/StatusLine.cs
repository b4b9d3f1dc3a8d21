namespace Ingest.Dashboard.SensorConfig;

/// <summary>A sensor's last status report in JSON.</summary>
internal sealed record StatusLine(
    DateTime At,
    double BufferFill,
    ulong DroppedReadings,
    double ReadingsPerSecond,
    bool Paused,
    bool Disabled,
    ulong SampledReadings);
