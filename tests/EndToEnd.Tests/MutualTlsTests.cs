using System.Text.Json;
using Ingest.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Ingest.EndToEnd.Tests;

/// <summary>
/// The collector on TLS with client certificates required (Collector:Tls ClientCertificateMode=Require), the
/// simulator and the dashboard on https:// addresses with the test CA and a client certificate it signed.
/// </summary>
public sealed class MutualTlsTests(ITestOutputHelper output)
{
    private const int Sensors = 4;

    [Fact]
    public async Task MutualTls_SimulatorStoresEveryAcknowledgedReadingOnce_AndTheDashboardListsTheSensors()
    {
        using var directory = new TempDirectory("mtls");
        directory.Keep = true;
        var pipeline = new Pipeline(directory);
        var tls = TlsFiles.Write(directory);
        var collectorUrl = $"https://127.0.0.1:{pipeline.Port}";
        await using var collector = await StartCollectorAsync(pipeline, tls);

        await using var simulator = pipeline.StartSimulator(Sensors, TimeSpan.FromSeconds(8), [.. ClientSettings("Simulator", tls, collectorUrl)]);
        Assert.Equal(0, await simulator.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var ledger = LedgerAssert.ExactlyOnce(simulator, pipeline, Sensors);
        output.WriteLine(LedgerFigures.Of(ledger, pipeline.Stored).ToString());

        // The dashboard takes its settings from the environment: Dashboard__Tls__CaPath and so on.
        var dashboardTls = ClientSettings("Dashboard", tls, collectorUrl).ToDictionary(
            setting => setting[2..setting.IndexOf('=', StringComparison.Ordinal)].Replace(":", "__", StringComparison.Ordinal),
            setting => setting[(setting.IndexOf('=', StringComparison.Ordinal) + 1)..],
            StringComparer.Ordinal);
        await using var dashboard = pipeline.StartDashboard("dashboard-once", collectorUrl, dashboardTls, "--json", "--once", "--timeout", "30s");
        Assert.Equal(0, await dashboard.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var listed = SensorsIn(dashboard);
        Assert.Equal(ledger.Sensors.Select(s => s.SensorId).Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));

        collector.Terminate();
        Assert.Equal(0, await collector.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        directory.Keep = false;
    }

    [Fact]
    public async Task MutualTls_SimulatorWithoutAClientCertificate_StoresNothing()
    {
        using var directory = new TempDirectory("mtls-no-client-cert");
        directory.Keep = true;
        var pipeline = new Pipeline(directory);
        var tls = TlsFiles.Write(directory);
        var collectorUrl = $"https://127.0.0.1:{pipeline.Port}";
        await using var collector = await StartCollectorAsync(pipeline, tls);

        // It trusts the collector's certificate but presents none of its own; it gives up when its run ends.
        await using var simulator = pipeline.StartSimulator(Sensors, TimeSpan.FromSeconds(5),
            $"--Simulator:CollectorAddress={collectorUrl}", $"--Simulator:Tls:CaPath={tls.AuthorityPemPath}", "--Simulator:ShutdownTimeout=00:00:02");
        await simulator.WaitForExitAsync(TimeSpan.FromSeconds(60));
        output.WriteLine(simulator.Output);

        var summary = SummaryLine.Parse(simulator.Lines.Last(line => line.Length > 0));
        Assert.Equal(0, summary.Acked);
        Assert.Equal(0, pipeline.Stored.TotalReadings());
        Assert.False(collector.HasExited, "the collector went down:\n" + collector.Output);
        directory.Keep = false;
    }

    private static Task<ManagedProcess> StartCollectorAsync(Pipeline pipeline, TlsFiles tls) =>
        pipeline.StartCollectorAsync("collector",
            $"--Collector:Tls:CertificatePath={tls.ServerPfxPath}",
            $"--Collector:Tls:CertificatePassword={TlsFiles.ServerPassword}",
            "--Collector:Tls:ClientCertificateMode=Require",
            $"--Collector:Tls:ClientCaPath={tls.AuthorityPemPath}");

    /// <summary>A client program's settings for the collector at <paramref name="collectorUrl"/> with mutual TLS, as command-line arguments.</summary>
    private static string[] ClientSettings(string program, TlsFiles tls, string collectorUrl) =>
    [
        $"--{program}:CollectorAddress={collectorUrl}",
        $"--{program}:Tls:CaPath={tls.AuthorityPemPath}",
        $"--{program}:Tls:ClientCertificatePath={tls.ClientPfxPath}",
        $"--{program}:Tls:ClientCertificatePassword={TlsFiles.ClientPassword}",
    ];

    /// <summary>The sensors of the dashboard's JSON snapshot.</summary>
    private static List<string> SensorsIn(ManagedProcess dashboard) =>
        dashboard.Lines
            .Where(line => line.StartsWith('{'))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Where(element => element.TryGetProperty("sensor_id", out _))
            .Select(element => element.GetProperty("sensor_id").GetString()!)
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
