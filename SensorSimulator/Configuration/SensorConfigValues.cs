using Ingest.SensorSimulator.Settings;

namespace Ingest.SensorSimulator.Configuration;

/// <summary>
/// Everything one sensor runs by, whole and immutable: its start-up settings, or the last configuration from
/// the collector that it applied. A change replaces the whole record.
/// </summary>
/// <param name="SamplingInterval">Time between two readings.</param>
/// <param name="BatchSize">Readings per batch; a batch is sealed when it holds this many.</param>
/// <param name="BatchMaxAge">A batch is sealed when its first reading is this old.</param>
/// <param name="UploadWindowBatches">Batches per upload stream at most.</param>
/// <param name="UploadWindowDuration">How long one upload stream stays open at most.</param>
/// <param name="Enabled">False stops sampling until it is true again.</param>
/// <param name="StatusInterval">How often the sensor reports its status on the control stream.</param>
internal sealed record SensorConfigValues(
    TimeSpan SamplingInterval,
    int BatchSize,
    TimeSpan BatchMaxAge,
    int UploadWindowBatches,
    TimeSpan UploadWindowDuration,
    bool Enabled,
    TimeSpan StatusInterval)
{
    /// <summary>The settings a sensor starts with, until the collector sends a configuration.</summary>
    public static SensorConfigValues StartUp(SimulatorOptions options, ControlOptions control)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(control);
        return new SensorConfigValues(
            options.SamplingInterval,
            options.BatchSize,
            options.BatchMaxAge,
            options.UploadWindowBatches,
            options.UploadWindowDuration,
            Enabled: true,
            control.StatusInterval);
    }
}
