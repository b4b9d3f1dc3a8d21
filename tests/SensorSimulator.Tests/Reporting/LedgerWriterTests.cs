using System.Text.Json;
using Ingest.SensorSimulator.Model;
using Ingest.SensorSimulator.Reporting;

namespace Ingest.SensorSimulator.Tests.Reporting;

public sealed class LedgerWriterTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ledger-tests-").FullName;

    [Fact]
    public async Task Write_ProducesTheCamelCaseShapeEndToEndTestsRead()
    {
        var path = Path.Combine(_directory, "nested", "ledger.json");
        var sensors = new[]
        {
            new SensorSnapshot("sim-temperature-0001", "temperature", 100, 75, 10, 5, 5, 20, 5, 2, 9, 10, 3, 8, 1, ConfigVersion: 7, Failovers: 2),
            new SensorSnapshot("sim-humidity-0002", "humidity", 50, 50, 0, 0, 0, 0, 0, 0, 5, 5, 1, 5, 0),
        };

        await LedgerWriter.WriteAsync(path, LedgerWriter.Build(sensors), CancellationToken.None);

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        var first = json.RootElement.GetProperty("sensors")[0];
        Assert.Equal(
            ["sensorId", "kind", "sampled", "acked", "dropped", "rejected", "lost", "recovered", "unacked", "retries", "lastSequence", "firstSequence", "ackedSequence", "droppedBatches", "configVersion", "failovers"],
            first.EnumerateObject().Select(p => p.Name));
        Assert.Equal("sim-temperature-0001", first.GetProperty("sensorId").GetString());
        Assert.Equal(10, first.GetProperty("lastSequence").GetInt64());
        Assert.Equal(3, first.GetProperty("firstSequence").GetInt64());
        Assert.Equal(8, first.GetProperty("ackedSequence").GetInt64());
        Assert.Equal(1, first.GetProperty("droppedBatches").GetInt64());
        Assert.Equal(7UL, first.GetProperty("configVersion").GetUInt64());
        Assert.Equal(2, first.GetProperty("failovers").GetInt64());

        var totals = json.RootElement.GetProperty("totals");
        Assert.Equal(
            ["sensors", "sampled", "acked", "rejected", "dropped", "lost", "unacked", "retries", "recovered", "failovers"], totals.EnumerateObject().Select(p => p.Name));
        Assert.Equal(2, totals.GetProperty("sensors").GetInt32());
        Assert.Equal(150, totals.GetProperty("sampled").GetInt64());
        Assert.Equal(125, totals.GetProperty("acked").GetInt64());
        Assert.Equal(5, totals.GetProperty("rejected").GetInt64());
        Assert.Equal(10, totals.GetProperty("dropped").GetInt64());
        Assert.Equal(5, totals.GetProperty("lost").GetInt64());
        Assert.Equal(20, totals.GetProperty("recovered").GetInt64());
        Assert.Equal(5, totals.GetProperty("unacked").GetInt64());
        Assert.Equal(2, totals.GetProperty("retries").GetInt64());
        Assert.Equal(2, totals.GetProperty("failovers").GetInt64());
    }

    [Fact]
    public async Task Write_ReplacesAnExistingFileAndLeavesNoTemporaryFile()
    {
        var path = Path.Combine(_directory, "ledger.json");
        await File.WriteAllTextAsync(path, "old");

        await LedgerWriter.WriteAsync(path, LedgerWriter.Build([]), CancellationToken.None);

        Assert.StartsWith("{", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
        Assert.Equal([path], Directory.GetFiles(_directory));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
