namespace Ingest.Collector.Benchmarking;

/// <summary>What the load benchmark needs of the collector. Section <c>Collector:Benchmark</c>.</summary>
internal sealed class BenchmarkOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Collector:Benchmark";

    /// <summary>
    /// Serve <c>Sink.Discard</c>, which parses batches and stores nothing, so that the benchmark can measure
    /// the transport ceiling beside the full pipeline. Read at start. Default: false.
    /// </summary>
    public bool SinkEnabled { get; set; }
}
