using Google.Protobuf.WellKnownTypes;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.SensorConfig;

/// <summary>The whole configuration a sensor runs, as the collector resolves it (the wire's <c>SensorConfig</c>).</summary>
internal sealed record SensorConfigValues(
    TimeSpan SamplingInterval,
    int BatchSize,
    TimeSpan BatchMaxAge,
    int UploadWindowBatches,
    TimeSpan UploadWindowDuration,
    bool Enabled,
    TimeSpan StatusInterval)
{
    /// <summary>The values a sensor runs when nothing else is configured; also the defaults of <c>Collector:Control:Defaults</c>.</summary>
    public static SensorConfigValues BuiltIn { get; } = new(
        TimeSpan.FromMilliseconds(10), 100, TimeSpan.FromSeconds(1), 50, TimeSpan.FromSeconds(5), Enabled: true, TimeSpan.FromSeconds(5));

    public Wire.SensorConfig ToWire() => new()
    {
        SamplingInterval = Duration.FromTimeSpan(SamplingInterval),
        BatchSize = (uint)BatchSize,
        BatchMaxAge = Duration.FromTimeSpan(BatchMaxAge),
        UploadWindowBatches = (uint)UploadWindowBatches,
        UploadWindowDuration = Duration.FromTimeSpan(UploadWindowDuration),
        Enabled = Enabled,
        StatusInterval = Duration.FromTimeSpan(StatusInterval),
    };
}
