namespace Ingest.Collector.SensorConfig;

/// <summary>
/// The configuration of a sensor for which neither a kind setting nor an override says otherwise.
/// Section <c>Collector:Control:Defaults</c>; the bounds are those of <c>SensorConfig</c> in control.proto.
/// </summary>
internal sealed class SensorConfigDefaults
{
    /// <summary>Time between two readings, 10 ms to 1 h. Default: 10 ms.</summary>
    public TimeSpan SamplingInterval { get; set; } = SensorConfigValues.BuiltIn.SamplingInterval;

    /// <summary>Readings per batch, 1 to <c>Collector:Ingestion:MaxReadingsPerBatch</c>. Default: 100.</summary>
    public int BatchSize { get; set; } = SensorConfigValues.BuiltIn.BatchSize;

    /// <summary>A batch is sealed when its first reading is this old, 10 ms to 1 h. Default: 1 s.</summary>
    public TimeSpan BatchMaxAge { get; set; } = SensorConfigValues.BuiltIn.BatchMaxAge;

    /// <summary>Batches sent on one upload stream, 1 to 10,000. Default: 50.</summary>
    public int UploadWindowBatches { get; set; } = SensorConfigValues.BuiltIn.UploadWindowBatches;

    /// <summary>The longest an upload stream stays open, 100 ms to 1 h. Default: 5 s.</summary>
    public TimeSpan UploadWindowDuration { get; set; } = SensorConfigValues.BuiltIn.UploadWindowDuration;

    /// <summary>False stops sampling. Default: true.</summary>
    public bool Enabled { get; set; } = SensorConfigValues.BuiltIn.Enabled;

    /// <summary>How often a sensor reports its status, 1 s to 1 h. Default: 5 s.</summary>
    public TimeSpan StatusInterval { get; set; } = SensorConfigValues.BuiltIn.StatusInterval;

    public SensorConfigValues ToValues() =>
        new(SamplingInterval, BatchSize, BatchMaxAge, UploadWindowBatches, UploadWindowDuration, Enabled, StatusInterval);
}
