namespace Ingest.Dashboard.Admin;

/// <summary>A sensor's last status report.</summary>
/// <param name="At">When the sensor sent it.</param>
/// <param name="BufferFill">Unacknowledged batches held, as a fraction of the buffer (0..1).</param>
/// <param name="DroppedReadings">Readings the sensor dropped because its buffer was full.</param>
/// <param name="ReadingsPerSecond">Readings sampled per second over the last status interval.</param>
/// <param name="Paused">Sampling is stopped by a pause command.</param>
/// <param name="Disabled">Sampling is stopped because the configuration says Enabled=false.</param>
/// <param name="SampledReadings">Readings sampled since the sensor process started.</param>
internal sealed record SensorReport(
    DateTimeOffset At,
    double BufferFill,
    ulong DroppedReadings,
    double ReadingsPerSecond,
    bool Paused,
    bool Disabled,
    ulong SampledReadings);
