namespace Ingest.LoadBenchmark.Load;

/// <summary>
/// How a throughput run drives the collector: <paramref name="Sensors"/> sensor tasks sending batches of
/// <paramref name="Template"/>, <paramref name="WindowBatches"/> per stream, as fast as the call accepts
/// writes or, when <paramref name="BatchInterval"/> is set, one batch per interval per sensor.
/// </summary>
internal sealed record DriveSpec(LoadPattern Pattern, int Sensors, BatchTemplate Template, int WindowBatches, TimeSpan? BatchInterval = null)
{
    /// <summary>The id of sensor <paramref name="index"/> (from 0) of this run, e.g. <c>bench-full-3</c>.</summary>
    public string SensorId(int index) => $"bench-{Pattern.ToString().ToLowerInvariant()}-{index}";
}
