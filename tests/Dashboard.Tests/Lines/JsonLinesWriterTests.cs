using System.Text.Json;
using Ingest.Dashboard.Lines;
using Ingest.Dashboard.Model;
using static Ingest.Dashboard.Tests.Infrastructure.TestData;

namespace Ingest.Dashboard.Tests.Lines;

public sealed class JsonLinesWriterTests
{
    [Fact]
    public void OnUpdate_WritesOneJsonObjectPerLineWithItsType()
    {
        using var output = new StringWriter();
        using var notices = new StringWriter();
        var writer = new JsonLinesWriter(output, notices, Address);

        writer.OnUpdate(new StatisticsUpdate(Totals()));
        writer.OnUpdate(Update(Window("sim-1", status: SensorStatus.Stale, desired: 2, reported: 1)));
        writer.OnUpdate(new SnapshotCompleted(1));
        writer.OnUpdate(new HeartbeatUpdate(Start));

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["statistics", "window", "snapshot_complete", "heartbeat"], lines.Select(line => Parse(line).GetProperty("type").GetString()));
        Assert.All(lines, line => Assert.StartsWith("{\"type\":", line, StringComparison.Ordinal));
        Assert.Empty(notices.ToString());
    }

    [Fact]
    public void Format_Window_CarriesEveryFieldInSnakeCase()
    {
        var json = Parse(JsonLinesWriter.Format(Update(Window("sim-1", status: SensorStatus.Offline, mean: 2.5, last: 3.25, desired: 2, reported: 1))));

        Assert.Equal("sim-1", json.GetProperty("sensor_id").GetString());
        Assert.Equal("temperature", json.GetProperty("kind").GetString());
        Assert.Equal("offline", json.GetProperty("status").GetString());
        Assert.Equal("2025-05-01T12:00:00Z", json.GetProperty("window_start").GetString());
        Assert.Equal(1, json.GetProperty("window_seconds").GetDouble());
        Assert.Equal(100UL, json.GetProperty("count").GetUInt64());
        Assert.Equal(1.5, json.GetProperty("min").GetDouble());
        Assert.Equal(2.5, json.GetProperty("mean").GetDouble());
        Assert.Equal(3.5, json.GetProperty("max").GetDouble());
        Assert.Equal(3.25, json.GetProperty("last").GetDouble());
        Assert.Equal(100, json.GetProperty("readings_per_second").GetDouble());
        Assert.Equal(2UL, json.GetProperty("desired_config_version").GetUInt64());
        Assert.Equal(1UL, json.GetProperty("reported_config_version").GetUInt64());
        Assert.True(json.GetProperty("closed").GetBoolean());
        Assert.Equal("unknown", json.GetProperty("config_state").GetString());
        Assert.False(json.GetProperty("paused").GetBoolean());
    }

    [Theory]
    [InlineData(nameof(ConfigState.InSync), "in_sync")]
    [InlineData(nameof(ConfigState.Pending), "pending")]
    [InlineData(nameof(ConfigState.Rejected), "rejected")]
    public void Format_Window_CarriesConfigStateAndPaused(string state, string expected)
    {
        var window = Window("sim-1", desired: 7, reported: 6, configState: Enum.Parse<ConfigState>(state), paused: true);

        var json = Parse(JsonLinesWriter.Format(Update(window)));

        Assert.Equal(expected, json.GetProperty("config_state").GetString());
        Assert.True(json.GetProperty("paused").GetBoolean());
        Assert.Equal(7UL, json.GetProperty("desired_config_version").GetUInt64());
    }

    [Fact]
    public void Format_SensorWithOnlyRejectedBatches_CarriesStatusRejectedItsCountAndReasonAndNoWindowStart()
    {
        var json = Parse(JsonLinesWriter.Format(Update(RejectedOnly("sim-skewed", rejected: 1234))));

        Assert.Equal("rejected", json.GetProperty("status").GetString());
        Assert.Equal(1234UL, json.GetProperty("rejected_batches").GetUInt64());
        Assert.Equal(SkewReason, json.GetProperty("last_rejection").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("window_start").ValueKind);
        Assert.Equal(0UL, json.GetProperty("count").GetUInt64());
    }

    [Fact]
    public void Format_WindowOfASensorWithRejectedBatches_KeepsItsLivenessAndCarriesTheCount()
    {
        var json = Parse(JsonLinesWriter.Format(Update(Window("sim-1", status: SensorStatus.Stale, rejected: 7, lastRejection: "bad"))));

        Assert.Equal("stale", json.GetProperty("status").GetString());
        Assert.Equal(7UL, json.GetProperty("rejected_batches").GetUInt64());
        Assert.Equal("bad", json.GetProperty("last_rejection").GetString());
        Assert.Equal("2025-05-01T12:00:00Z", json.GetProperty("window_start").GetString());
    }

    [Fact]
    public void Format_Statistics_CarriesTotals()
    {
        var json = Parse(JsonLinesWriter.Format(new StatisticsUpdate(Totals(live: 3, stale: 1, offline: 2))));

        Assert.Equal(987_654UL, json.GetProperty("readings_committed").GetUInt64());
        Assert.Equal(2UL, json.GetProperty("lost_batches").GetUInt64());
        Assert.Equal(1UL, json.GetProperty("rejected_batches").GetUInt64());
        Assert.Equal(3U, json.GetProperty("sensors_live").GetUInt32());
        Assert.Equal(2U, json.GetProperty("sensors_offline").GetUInt32());
        Assert.Equal("collector-1", json.GetProperty("collector_instance_id").GetString());
    }

    [Fact]
    public void OnRetrying_GoesToTheNoticesNotToTheJsonStream()
    {
        using var output = new StringWriter();
        using var notices = new StringWriter();
        var writer = new JsonLinesWriter(output, notices, Address);

        writer.OnRetrying(new RetryNotice(1, TimeSpan.FromSeconds(1), Start, "Unavailable"));

        Assert.Empty(output.ToString());
        Assert.Contains("reconnecting", notices.ToString(), StringComparison.Ordinal);
    }

    private static JsonElement Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        return document.RootElement.Clone();
    }
}
