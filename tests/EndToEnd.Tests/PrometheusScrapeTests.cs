using System.Diagnostics;
using Ingest.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Ingest.EndToEnd.Tests;

/// <summary>
/// Metrics as operators read them: the real Prometheus server (Debian's package) scrapes a real collector while a simulator
/// sends, and its HTTP API gives the committed-readings counter; promtool passes the scrape and the shipped alert rules.
/// </summary>
public sealed class PrometheusScrapeTests(ITestOutputHelper output)
{
    private const string Job = "ingest-collector";

    /// <summary>The names operators and the alert rules query (docs/metrics.md), as Prometheus shows them.</summary>
    private static readonly string[] DocumentedNames =
    [
        "ingest_readings_committed_total", "ingest_batches_committed_total", "ingest_batches_duplicate_total", "ingest_batches_rejected_total",
        "ingest_batches_lost_total", "ingest_commit_failures_total", "ingest_commit_duration_seconds_bucket", "ingest_upload_ack_duration_seconds_bucket",
        "ingest_commit_queue_depth", "ingest_storage_serving", "ingest_uploads_active", "ingest_aggregation_feed_overflowed_total",
        "dotnet_gc_collections_total", "dotnet_process_memory_working_set_bytes", "target_info",
    ];

    private static readonly string[] SimulatorNames =
    [
        "ingest_simulator_readings_sampled_total", "ingest_simulator_readings_acked_total", "ingest_simulator_readings_rejected_total",
        "ingest_simulator_readings_dropped_total", "ingest_simulator_readings_lost_total", "ingest_simulator_readings_unacked",
        "ingest_simulator_retries_total", "ingest_simulator_failovers_total",
    ];

    [Fact]
    public async Task Prometheus_ScrapesTheCollector_AndItsApiGivesTheReadingsCommitted_AndPromtoolPassesTheScrapeAndTheRules()
    {
        var clock = Stopwatch.StartNew();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var bin = await PrometheusInstallation.GetAsync(cancel.Token);
        var rules = Path.Combine(RepoPaths.Root, "deploy", "prometheus", "ingest-alerts.yml");
        using var directory = new TempDirectory("prometheus");
        var pipeline = new Pipeline(directory);
        var metricsPort = FreePort.Next();
        await using var collector = await pipeline.StartCollectorAsync("collector",
            "--Collector:Metrics:PrometheusEnabled=true", $"--Collector:Metrics:PrometheusPort={metricsPort}");
        await using var prometheus = await PrometheusServer.StartAsync(bin, directory, Job, $"127.0.0.1:{metricsPort}", [rules]);

        using var http = new HttpClient();
        var simulatorPort = FreePort.Next();
        await using (var simulator = pipeline.StartSimulator(3, TimeSpan.FromSeconds(3),
            "--Simulator:Metrics:PrometheusEnabled=true", $"--Simulator:Metrics:PrometheusPort={simulatorPort}"))
        {
            // The simulator's ledger on its own scrape endpoint while it runs.
            var ledger = "";
            await Eventually.UntilAsync(
                async () => (ledger = await TryGetAsync(http, $"http://127.0.0.1:{simulatorPort}/metrics")).Contains("ingest_simulator_readings_sampled_total", StringComparison.Ordinal),
                "the simulator's scrape endpoint shows its ledger", TimeSpan.FromSeconds(30), poll: TimeSpan.FromMilliseconds(100));
            Assert.All(SimulatorNames, name => Assert.Contains("\n" + name, ledger, StringComparison.Ordinal));
            var ledgerCheck = await PrometheusServer.PromtoolAsync(bin, ledger, "check", "metrics");
            Assert.True(ledgerCheck.ExitCode == 0, $"promtool check metrics (simulator): {ledgerCheck.Output}");
            Assert.Equal(0, await simulator.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        }

        var stored = pipeline.Stored.TotalReadings();
        Assert.True(stored > 0, "the simulator stored nothing");
        double? seen = null;
        await Eventually.UntilAsync(
            async () => (seen = await prometheus.QueryAsync($"sum(ingest_readings_committed_total{{job=\"{Job}\"}})")) == stored,
            $"Prometheus's ingest_readings_committed_total is the {stored} readings stored (last seen: {seen})", TimeSpan.FromSeconds(30), poll: TimeSpan.FromMilliseconds(250));
        Assert.Equal(1, await prometheus.QueryAsync($"ingest_storage_serving{{job=\"{Job}\"}}"));

        var scrape = await http.GetStringAsync($"http://127.0.0.1:{metricsPort}/metrics");
        Assert.All(DocumentedNames, name => Assert.Contains("\n" + name, scrape, StringComparison.Ordinal));
        var metricsCheck = await PrometheusServer.PromtoolAsync(bin, scrape, "check", "metrics");
        Assert.True(metricsCheck.ExitCode == 0, $"promtool check metrics: {metricsCheck.Output}");
        var rulesCheck = await PrometheusServer.PromtoolAsync(bin, null, "check", "rules", rules);
        Assert.True(rulesCheck.ExitCode == 0, $"promtool check rules: {rulesCheck.Output}");
        var configCheck = await PrometheusServer.PromtoolAsync(bin, null, "check", "config", Path.Combine(RepoPaths.Root, "deploy", "prometheus", "prometheus.yml"));
        Assert.True(configCheck.ExitCode == 0, $"promtool check config: {configCheck.Output}");
        Assert.Equal(
            ["IngestCollectorDown", "IngestCommitFailures", "IngestFeedOverflow", "IngestGapsRecorded", "IngestStorageNotServing", "IngestUploadsRefused"],
            (await prometheus.AlertRuleNamesAsync()).Order(StringComparer.Ordinal));
        output.WriteLine($"{stored} readings; the test took {clock.Elapsed.TotalSeconds:F1} s");
    }

    private static async Task<string> TryGetAsync(HttpClient http, string url)
    {
        try
        {
            return await http.GetStringAsync(url);
        }
        catch (HttpRequestException)
        {
            return "";
        }
    }
}
