using System.Text.Json;
using Grpc.Core;
using Ingest.Dashboard.Admin;
using Ingest.Dashboard.CommandLine;
using Ingest.Dashboard.Errors;
using Ingest.Dashboard.Model;
using Ingest.Dashboard.SensorConfig;
using Ingest.Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Spectre.Console.Testing;
using static Ingest.Dashboard.Tests.Infrastructure.TestData;

namespace Ingest.Dashboard.Tests.SensorConfig;

/// <summary><c>config show</c>, <c>config list</c>, <c>config overrides</c> and <c>config unset</c> against a fake Admin service.</summary>
public sealed class ConfigReadCommandsTests : IDisposable
{
    private static readonly SensorReport PausedStatus = new(Start.AddSeconds(-1), 0.125, 3, 0, Paused: true, Disabled: false, SampledReadings: 1000);

    private static readonly ConfigOverride[] Overrides =
    [
        new(ConfigScope.All, new Dictionary<string, string> { ["BatchSize"] = "200" }, Start.AddHours(-1)),
        new(ConfigScope.ForKind("pressure"), new Dictionary<string, string> { ["BatchMaxAge"] = "2s", ["SamplingInterval"] = "50ms" }, Start.AddMinutes(-5)),
    ];

    private readonly FakeAdminClient _admin = new();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public void Dispose()
    {
        _output.Dispose();
        _error.Dispose();
    }

    [Fact]
    public async Task Show_Text_ListsVersionsStateConnectionStatusSettingsAndOverrides()
    {
        _admin.Sensor = Sensor(
            "sim-pressure-0003", kind: "pressure", desired: 7, reported: 6, state: ConfigState.Rejected,
            reason: "BatchSize 20000 is out of range: this sensor allows 1 to 10000", status: PausedStatus, overrides: Overrides);

        var exit = await new ConfigShowCommand(_admin, TestData.Options(), _time, NullLogger<ConfigShowCommand>.Instance)
            .RunAsync(new ConfigShowRequest("sim-pressure-0003", Json: false, [], TimeSpan.FromSeconds(10)), Output(), CancellationToken.None);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal("sim-pressure-0003", _admin.LastSensorId);
        var lines = _output.ToString().Split('\n');
        Assert.Contains("sensor       sim-pressure-0003", lines);
        Assert.Contains("desired      v7 (hash hash-7)", lines);
        Assert.Contains("reported     v6 (hash hash-6)", lines);
        Assert.Contains("state        rejected: BatchSize 20000 is out of range: this sensor allows 1 to 10000", lines);
        Assert.Contains("connected    yes", lines);
        Assert.Contains("last seen    2025-05-01T11:59:58.000Z (2 s ago)", lines);
        Assert.Contains("last status  1 s ago: buffer 12.5% full, 3 dropped, 0.0 readings/s, paused", lines);
        Assert.Contains("  SamplingInterval      10 ms", lines);
        Assert.Contains("  BatchMaxAge           1 s", lines);
        Assert.Contains("  Enabled               true", lines);
        Assert.Contains("  all sensors    BatchSize=200", lines);
        Assert.Contains("  kind pressure  BatchMaxAge=2s SamplingInterval=50ms", lines);
    }

    [Fact]
    public async Task Show_Json_PrintsOneObjectWithSettingsStatusAndOverrides()
    {
        _admin.Sensor = Sensor("sim-1", desired: 7, reported: 7, status: PausedStatus, overrides: Overrides);

        await new ConfigShowCommand(_admin, TestData.Options(), _time, NullLogger<ConfigShowCommand>.Instance)
            .RunAsync(new ConfigShowRequest("sim-1", Json: true, [], TimeSpan.FromSeconds(10)), Output(), CancellationToken.None);

        var json = Assert.Single(JsonLines());
        Assert.Equal("sim-1", json.GetProperty("sensor_id").GetString());
        Assert.Equal("in_sync", json.GetProperty("state").GetString());
        Assert.True(json.GetProperty("paused").GetBoolean());
        Assert.Equal("00:00:00.0100000", json.GetProperty("desired").GetProperty("sampling_interval").GetString());
        Assert.Equal(0.125, json.GetProperty("status").GetProperty("buffer_fill").GetDouble());
        var overrides = json.GetProperty("overrides");
        Assert.Equal("all", overrides[0].GetProperty("scope").GetString());
        Assert.Equal(JsonValueKind.Null, overrides[0].GetProperty("target").ValueKind);
        Assert.Equal("pressure", overrides[1].GetProperty("target").GetString());
        Assert.Equal("50ms", overrides[1].GetProperty("settings").GetProperty("SamplingInterval").GetString());
    }

    [Fact]
    public async Task Show_UnknownSensor_ExitsThreeWithTheCollectorsMessage()
    {
        _admin.FailWith = Rpc(StatusCode.NotFound, "the collector has never seen sensor 'nope'");

        var exit = await new ConfigShowCommand(_admin, TestData.Options(), _time, NullLogger<ConfigShowCommand>.Instance)
            .RunAsync(new ConfigShowRequest("nope", Json: false, [], TimeSpan.FromSeconds(10)), Output(), CancellationToken.None);

        Assert.Equal(ExitCodes.CollectorError, exit);
        Assert.Contains("answered NotFound: the collector has never seen sensor 'nope'", _error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StatusCode.PermissionDenied, "the key 'viewer' has role Viewer; Admin calls need an Admin key")]
    [InlineData(StatusCode.Unauthenticated, "unknown key")]
    public async Task Show_KeyRefused_ExitsFourNamingTheAdminKeySetting(StatusCode status, string detail)
    {
        _admin.FailWith = Rpc(status, detail);

        var exit = await new ConfigShowCommand(_admin, TestData.Options(), _time, NullLogger<ConfigShowCommand>.Instance)
            .RunAsync(new ConfigShowRequest("sim-1", Json: false, [], TimeSpan.FromSeconds(10)), Output(), CancellationToken.None);

        Assert.Equal(ExitCodes.KeyRefused, exit);
        Assert.Contains($"refused the key: {status}: {detail}; set Dashboard:AdminKey (or pass --key)", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_Plain_PrintsAlignedColumnsOnePerSensor()
    {
        _admin.Listing = _ =>
        [
            Sensor("sim-humidity-0002", kind: "humidity", desired: 7, reported: 7,
                status: PausedStatus with { ReadingsPerSecond = 100, Paused = false }),
            Sensor("sim-pressure-0003", kind: "pressure", desired: 7, reported: 6, state: ConfigState.Pending, connected: false, status: PausedStatus),
        ];

        var exit = await List(new SensorFilter(["sim-*"], ["humidity", "pressure"]), json: false);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal(
            [
                "Sensor             Kind      Desired  Reported  State    Connected  Last seen  Rate/s  Paused",
                "sim-humidity-0002  humidity  v7       v7        in sync  yes        2 s ago    100.0   -",
                "sim-pressure-0003  pressure  v7       v6        pending  no         never      0.0     paused",
            ],
            _output.ToString().TrimEnd('\n').Split('\n'));
        Assert.Equal(["sim-*"], _admin.LastFilter?.SensorPatterns);
        Assert.Equal(["humidity", "pressure"], _admin.LastFilter?.Kinds);
    }

    [Fact]
    public async Task List_OnATerminal_DrawsATable()
    {
        _admin.Listing = _ => [Sensor("sim-1", desired: 7, reported: 6, state: ConfigState.Rejected)];
        var terminal = new TestConsole().Width(160);

        await new ConfigListCommand(_admin, TestData.Options(), _time, NullLogger<ConfigListCommand>.Instance)
            .RunAsync(new ConfigListRequest(SensorFilter.All, Json: false, [], TimeSpan.FromSeconds(10)), new CommandOutput(_output, _error, terminal), CancellationToken.None);

        Assert.Contains("rejected", terminal.Output, StringComparison.Ordinal);
        Assert.Contains("│", terminal.Output, StringComparison.Ordinal);
        Assert.Empty(_output.ToString());
    }

    [Fact]
    public async Task List_Json_WritesOneObjectPerSensorWithoutOverrides()
    {
        _admin.Listing = _ => [Sensor("sim-1"), Sensor("sim-2", desired: 8, reported: 7, state: ConfigState.Rejected, reason: "no", status: PausedStatus)];

        await List(SensorFilter.All, json: true);

        var lines = JsonLines();
        Assert.Equal(["sim-1", "sim-2"], lines.Select(line => line.GetProperty("sensor_id").GetString()));
        Assert.Equal("rejected", lines[1].GetProperty("state").GetString());
        Assert.Equal("no", lines[1].GetProperty("rejection_reason").GetString());
        Assert.Equal(8UL, lines[1].GetProperty("desired_version").GetUInt64());
        Assert.Equal(7UL, lines[1].GetProperty("reported_version").GetUInt64());
        Assert.True(lines[1].GetProperty("connected").GetBoolean());
        Assert.True(lines[1].GetProperty("paused").GetBoolean());
        Assert.False(lines[0].GetProperty("paused").GetBoolean());
        Assert.False(lines[0].TryGetProperty("overrides", out _));
    }

    [Fact]
    public async Task List_NoSensors_SaysSo()
    {
        await List(SensorFilter.All, json: false);

        Assert.Equal("the collector knows no sensors yet\n", _output.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Overrides_Plain_ListsScopeSettingsAndUpdatedAt()
    {
        _admin.Overrides = Overrides;

        var exit = await new ConfigOverridesCommand(_admin, TestData.Options(), NullLogger<ConfigOverridesCommand>.Instance)
            .RunAsync(new ConfigOverridesRequest(Json: false, [], TimeSpan.FromSeconds(10)), Output(), CancellationToken.None);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal(
            [
                "Scope          Settings                              Updated at",
                "all sensors    BatchSize=200                         2025-05-01T11:00:00.000Z",
                "kind pressure  BatchMaxAge=2s SamplingInterval=50ms  2025-05-01T11:55:00.000Z",
            ],
            _output.ToString().TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task Unset_NoSuchOverride_ExitsThreeWithTheCollectorsMessage()
    {
        _admin.FailWith = Rpc(StatusCode.NotFound, "kind 'pressure' has no override");

        var exit = await Unset(["BatchSize"]);

        Assert.Equal(ExitCodes.CollectorError, exit);
        Assert.Contains("NotFound: kind 'pressure' has no override", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unset_WholeOverride_SendsNoNamesAndPrintsTheNewVersion()
    {
        _admin.OverrideResult = new OverrideResult(1, 9);

        var exit = await Unset([]);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Empty(_admin.LastRemove!.Value.Settings);
        Assert.Equal("removed the whole override of kind pressure; version 9: 1 sensor affected\n", _output.ToString().ReplaceLineEndings("\n"));
    }

    private Task<int> Unset(string[] names) =>
        new ConfigUnsetCommand(_admin, TestData.Options(), NullLogger<ConfigUnsetCommand>.Instance)
            .RunAsync(new ConfigUnsetRequest(ConfigScope.ForKind("pressure"), names, [], TimeSpan.FromSeconds(10)), Output(), CancellationToken.None);

    private Task<int> List(SensorFilter filter, bool json) =>
        new ConfigListCommand(_admin, TestData.Options(), _time, NullLogger<ConfigListCommand>.Instance)
            .RunAsync(new ConfigListRequest(filter, json, [], TimeSpan.FromSeconds(10)), Output(), CancellationToken.None);

    private CommandOutput Output() => new(_output, _error, null);

    private List<JsonElement> JsonLines() =>
        _output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line =>
            {
                using var document = JsonDocument.Parse(line);
                return document.RootElement.Clone();
            })
            .ToList();
}
