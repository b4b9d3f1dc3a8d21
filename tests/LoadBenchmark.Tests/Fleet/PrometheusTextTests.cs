using Ingest.LoadBenchmark.Fleet;

namespace Ingest.LoadBenchmark.Tests.Fleet;

public sealed class PrometheusTextTests
{
    private const string Refused = "ingest_connections_refused_total";

    private const string Scrape =
        "# TYPE ingest_connections_refused_total counter\n" +
        "ingest_connections_refused_total{otel_scope_name=\"Ingest.Collector\",reason=\"accept_rate\"} 12 1733500000000\n" +
        "ingest_connections_refused_total{otel_scope_name=\"Ingest.Collector\",reason=\"connections\"} 3\n" +
        "ingest_connections_refused_total{otel_scope_name=\"Ingest.Collector\",reason=\"accept_rate\",other=\"x\"} 1\n" +
        "ingest_connections_refused_total_other{reason=\"accept_rate\"} 99\n" +
        "ingest_registrations_refused_total{reason=\"rate\"} 7\n";

    [Fact]
    public void SumBy_GroupsTheMetricsSamplesByTheLabel()
    {
        var refusals = PrometheusText.SumBy(Scrape, Refused, "reason");

        Assert.Equal(new Dictionary<string, long> { ["accept_rate"] = 13, ["connections"] = 3 }, refusals);
    }

    [Fact]
    public void SumBy_WithoutTheMetric_IsEmpty() => Assert.Empty(PrometheusText.SumBy("ingest_batches_total 5\n", Refused, "reason"));

    [Fact]
    public void Sum_WithALabel_AddsOnlyTheSamplesThatCarryIt() =>
        Assert.Equal(3, PrometheusText.Sum(Scrape, Refused, "\"connections\""));
}
