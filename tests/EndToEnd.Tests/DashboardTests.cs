using System.Globalization;
using System.Text.Json;
using Ingest.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Ingest.EndToEnd.Tests;

/// <summary>The dashboard against a real collector and simulator.</summary>
public sealed class DashboardTests(ITestOutputHelper output)
{
    private const int Sensors = 6;

    [Fact]
    public async Task DashboardOnce_ListsEverySimulatedSensorWithReadings()
    {
        using var directory = new TempDirectory("once");
        var pipeline = new Pipeline(directory);
        await using var collector = await pipeline.StartCollectorAsync();
        await using var simulator = pipeline.StartSimulator(Sensors, TimeSpan.FromMinutes(2));
        await Eventually.UntilAsync(() => pipeline.Stored.BySensor().Count == Sensors, "every sensor has stored readings", TimeSpan.FromSeconds(60), poll: TimeSpan.FromMilliseconds(100));

        // A window shows once a reading past its end arrives; ask again until every sensor has a closed one.
        IReadOnlyDictionary<string, JsonElement> windows = new Dictionary<string, JsonElement>();
        await Eventually.UntilAsync(async () =>
        {
            windows = await SnapshotWindowsAsync(pipeline);
            return windows.Count == Sensors && windows.Values.All(w => w.GetProperty("closed").GetBoolean());
        }, "the snapshot has a closed window for every sensor", TimeSpan.FromSeconds(60), poll: TimeSpan.FromMilliseconds(100));

        Assert.All(windows.Values, window => Assert.True(window.GetProperty("count").GetUInt64() > 0));
        Assert.All(windows.Values, window => Assert.Equal("live", window.GetProperty("status").GetString()));

        await using var table = pipeline.StartDashboard("dashboard-table", "--once", "--timeout", "30s");
        Assert.Equal(0, await table.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        foreach (var sensor in windows.Keys)
        {
            Assert.Contains(table.Lines, line => line.Contains(sensor, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Export_WritesExactlyTheStoredReadingsOfTheSensor()
    {
        using var directory = new TempDirectory("export");
        var pipeline = new Pipeline(directory);
        await using var collector = await pipeline.StartCollectorAsync();
        await using (var simulator = pipeline.StartSimulator(2, TimeSpan.FromSeconds(4)))
        {
            Assert.Equal(0, await simulator.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        }

        var sensor = SimulatorLedger.Read(pipeline.LedgerPath).Sensors[0].SensorId;
        var csv = directory.File("export.csv");
        await using var export = pipeline.StartDashboard("export",
            "export", "--sensor", sensor, "--from", "2000-01-01T00:00:00Z", "--to", "+1m", "--out", csv);
        Assert.Equal(0, await export.WaitForExitAsync(TimeSpan.FromSeconds(60)));

        var stored = pipeline.Stored.Readings(sensor);
        var exported = File.ReadAllLines(csv).Skip(1).Where(line => line.Length > 0).Select(ParseCsv).ToList();
        output.WriteLine($"{sensor}: {stored.Count} stored, {exported.Count} exported");
        Assert.NotEmpty(stored);
        Assert.Equal(stored, exported);
    }

    [Fact]
    public async Task Dashboard_CollectorKilledAndRestarted_ReconnectsAndResubscribesByItself()
    {
        using var directory = new TempDirectory("reconnect");
        var pipeline = new Pipeline(directory);
        var first = await pipeline.StartCollectorAsync("collector-1");
        await using var simulator = pipeline.StartSimulator(2, TimeSpan.FromMinutes(2));
        await using var dashboard = pipeline.StartDashboard("dashboard-json", "--json");
        await dashboard.WaitForLineAsync(IsSnapshotComplete, TimeSpan.FromSeconds(60));
        var before = dashboard.Lines.Count(IsSnapshotComplete);

        first.Kill();
        await first.WaitForExitAsync(TimeSpan.FromSeconds(10));
        await first.DisposeAsync();
        await dashboard.WaitForLineAsync(line => line.StartsWith("reconnecting", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        await using var second = await pipeline.StartCollectorAsync("collector-2");

        await Eventually.UntilAsync(() => dashboard.Lines.Count(IsSnapshotComplete) > before, "the dashboard took a new snapshot", TimeSpan.FromSeconds(60), poll: TimeSpan.FromMilliseconds(100));
        Assert.False(dashboard.HasExited);
    }

    private static bool IsSnapshotComplete(string line) => line.Contains("\"type\":\"snapshot_complete\"", StringComparison.Ordinal);

    /// <summary>Runs <c>Dashboard --once --json</c> and returns each sensor's window from the snapshot.</summary>
    private static async Task<Dictionary<string, JsonElement>> SnapshotWindowsAsync(Pipeline pipeline)
    {
        await using var once = pipeline.StartDashboard("dashboard-once", "--once", "--json", "--timeout", "30s");
        if (await once.WaitForExitAsync(TimeSpan.FromSeconds(60)) != 0)
        {
            throw new InvalidOperationException("Dashboard --once failed:\n" + once.Output);
        }

        return once.Lines
            .Where(line => line.StartsWith('{'))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Where(json => json.GetProperty("type").GetString() == "window")
            .ToDictionary(json => json.GetProperty("sensor_id").GetString()!, json => json.Clone());
    }

    private static (long TimestampMicros, double Value) ParseCsv(string line)
    {
        var parts = line.Split(',');
        var at = DateTimeOffset.Parse(parts[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var micros = (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
        return (micros, double.Parse(parts[1], CultureInfo.InvariantCulture));
    }
}
