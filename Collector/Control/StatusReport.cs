namespace Ingest.Collector.Control;

/// <summary>A sensor's last status report on its control stream.</summary>
internal sealed record StatusReport(
    DateTimeOffset At,
    double BufferFill,
    long DroppedReadings,
    double ReadingsPerSecond,
    bool Paused,
    long SampledReadings,
    bool Disabled)
{
    /// <summary>Sampling is stopped, by a pause command or by the configuration.</summary>
    public bool Stopped => Paused || Disabled;
}
