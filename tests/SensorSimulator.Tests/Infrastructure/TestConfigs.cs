using Google.Protobuf.WellKnownTypes;
using Ingest.Protocol.V1;

namespace Ingest.SensorSimulator.Tests.Infrastructure;

/// <summary>Configurations as the collector sends them, for tests.</summary>
internal static class TestConfigs
{
    /// <summary>A configuration within every default limit: 20 ms sampling, batches of 50 or 500 ms, windows of 20 or 2 s, 5 s status.</summary>
    public static SensorConfig Valid() => new()
    {
        SamplingInterval = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(20)),
        BatchSize = 50,
        BatchMaxAge = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(500)),
        UploadWindowBatches = 20,
        UploadWindowDuration = Duration.FromTimeSpan(TimeSpan.FromSeconds(2)),
        Enabled = true,
        StatusInterval = Duration.FromTimeSpan(TimeSpan.FromSeconds(5)),
    };
}
