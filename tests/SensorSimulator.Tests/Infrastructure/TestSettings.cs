using Ingest.SensorSimulator.Configuration;

namespace Ingest.SensorSimulator.Tests.Infrastructure;

/// <summary>Sensor settings for tests: 10 ms sampling, batches of 100 or 1 h, windows of 50 batches or 5 s, 5 s status.</summary>
internal static class TestSettings
{
    public static SensorConfigValues Default { get; } = new(
        SamplingInterval: TimeSpan.FromMilliseconds(10),
        BatchSize: 100,
        BatchMaxAge: TimeSpan.FromHours(1),
        UploadWindowBatches: 50,
        UploadWindowDuration: TimeSpan.FromSeconds(5),
        Enabled: true,
        StatusInterval: TimeSpan.FromSeconds(5));
}
