namespace Ingest.Dashboard.SensorConfig;

/// <summary>A sensor's desired settings in JSON; durations as <c>hh:mm:ss.fffffff</c>, which <c>config set</c> also takes.</summary>
internal sealed record SettingsLine(
    TimeSpan SamplingInterval,
    uint BatchSize,
    TimeSpan BatchMaxAge,
    uint UploadWindowBatches,
    TimeSpan UploadWindowDuration,
    bool Enabled,
    TimeSpan StatusInterval);
