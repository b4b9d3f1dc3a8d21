using Ingest.Dashboard.Lines;
using Ingest.Dashboard.Model;
using Microsoft.Extensions.Time.Testing;
using static Ingest.Dashboard.Tests.Infrastructure.TestData;

namespace Ingest.Dashboard.Tests.Lines;

public sealed class PlainLinesWriterTests
{
    [Fact]
    public void OnUpdate_WritesOneTimestampedKeyValueLinePerUpdate()
    {
        using var output = new StringWriter();
        var writer = new PlainLinesWriter(output, new FakeTimeProvider(Start.AddMilliseconds(250)), Address);

        writer.OnConnected(new CollectorIdentity("collector-1", "0.1.0"));
        writer.OnUpdate(Update(Window("sim-1", status: SensorStatus.Stale, mean: 2.5, last: 3.25, desired: 3, reported: 2, configState: ConfigState.Pending, paused: true)));
        writer.OnUpdate(new SnapshotCompleted(1));
        writer.OnRetrying(new RetryNotice(3, TimeSpan.FromSeconds(2), Start, "Unavailable: \"gone\""));

        Assert.Equal(
            [
                $"2025-05-01T12:00:00.250Z connected collector=collector-1 version=0.1.0 address={Address}",
                "2025-05-01T12:00:00.250Z window sensor=sim-1 kind=temperature status=stale start=2025-05-01T12:00:00.000Z count=100 min=1.5 mean=2.5 max=3.5 last=3.25 rate=100 config=3/2* config_state=pending paused=true rejected=0 last_rejection=\"\"",
                "2025-05-01T12:00:00.250Z snapshot_complete sensors=1",
                "2025-05-01T12:00:00.250Z reconnecting failed_attempts=3 retry_in=2s reason=\"Unavailable: 'gone'\"",
            ],
            output.ToString().ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Format_SensorWithOnlyRejectedBatches_SaysRejectedWithItsCountAndQuotedReasonAndNoStart()
    {
        var line = PlainLinesWriter.Format(Update(RejectedOnly("sim-skewed", rejected: 12, reason: "the \"clock\" is fast")));

        Assert.StartsWith("window sensor=sim-skewed kind=temperature status=rejected start=- count=0 ", line, StringComparison.Ordinal);
        Assert.EndsWith(" rejected=12 last_rejection=\"the 'clock' is fast\"", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_Statistics_ListsTheTotals() =>
        Assert.Equal(
            "statistics rate=1234.5 committed=987654 duplicates=3 rejects=1 losses=2 late=5 live=2 stale=0 offline=0 uploading=2 subscribers=1",
            PlainLinesWriter.Format(new StatisticsUpdate(Totals())));

    [Fact]
    public void Format_Heartbeat_IsOneWord() => Assert.Equal("heartbeat", PlainLinesWriter.Format(new HeartbeatUpdate(Start)));

    [Theory]
    [InlineData(0UL, 0UL, "unknown", false, "config=- config_state=unknown paused=false")]
    [InlineData(7UL, 7UL, "in_sync", false, "config=7/7 config_state=in_sync paused=false")]
    [InlineData(7UL, 6UL, "rejected", true, "config=7/6* config_state=rejected paused=true")]
    public void Format_Window_CarriesConfigVersionsStateAndPaused(ulong desired, ulong reported, string state, bool paused, string expected)
    {
        var configState = state switch
        {
            "in_sync" => ConfigState.InSync,
            "rejected" => ConfigState.Rejected,
            _ => ConfigState.Unknown,
        };

        Assert.Contains(
            " " + expected + " ",
            PlainLinesWriter.Format(Update(Window("a", desired: desired, reported: reported, configState: configState, paused: paused))),
            StringComparison.Ordinal);
    }
}
