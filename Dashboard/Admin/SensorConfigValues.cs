namespace Ingest.Dashboard.Admin;

/// <summary>The whole configuration a sensor runs (the wire's <c>SensorConfig</c>), under the names operators write.</summary>
internal sealed record SensorConfigValues(
    TimeSpan SamplingInterval,
    uint BatchSize,
    TimeSpan BatchMaxAge,
    uint UploadWindowBatches,
    TimeSpan UploadWindowDuration,
    bool Enabled,
    TimeSpan StatusInterval);
