using Ingest.LoadBenchmark.Fleet;

namespace Ingest.LoadBenchmark.Tests.Fleet;

public sealed class CollectorRuntimeMetricsTests
{
    private const string Scrape =
        "# TYPE dotnet_gc_pause_time_seconds_total counter\n" +
        "dotnet_gc_pause_time_seconds_total{otel_scope_name=\"System.Runtime\"} 1.25 1733500000000\n" +
        "# TYPE dotnet_gc_heap_total_allocated_bytes_total counter\n" +
        "dotnet_gc_heap_total_allocated_bytes_total{otel_scope_name=\"System.Runtime\"} 1048576\n" +
        "dotnet_gc_collections_total{otel_scope_name=\"System.Runtime\",gc_heap_generation=\"gen0\"} 40\n" +
        "dotnet_gc_collections_total{otel_scope_name=\"System.Runtime\",gc_heap_generation=\"gen2\"} 3\n" +
        "dotnet_gc_pause_time_seconds_total_other 99\n";

    [Fact]
    public void Parse_ReadsPauseAllocationAndGen2CollectionsOnly()
    {
        var metrics = CollectorRuntimeMetrics.Parse(Scrape);

        Assert.Equal(new CollectorRuntimeMetrics(1.25, 1048576, 3), metrics);
    }

    [Fact]
    public void Parse_WithoutTheRuntimeCounters_IsNull() => Assert.Null(CollectorRuntimeMetrics.Parse("ingest_batches_total 5\n"));
}
