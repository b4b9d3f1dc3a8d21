namespace Ingest.Dashboard.Config;

/// <summary>The whole configuration a sensor runs (the wire's <c>SensorConfig</c>), under the names operators write.</summary>
internal sealed record SensorSettings(
    TimeSpan SamplingInterval,
    uint BatchSize,
    TimeSpan BatchMaxAge,
    uint UploadWindowBatches,
    TimeSpan UploadWindowDuration,
    bool Enabled,
    TimeSpan StatusInterval);
