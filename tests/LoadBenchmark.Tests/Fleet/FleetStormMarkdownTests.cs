using Ingest.LoadBenchmark.Fleet;

namespace Ingest.LoadBenchmark.Tests.Fleet;

public sealed class FleetStormMarkdownTests
{
    private static FleetStormResult Storm(int sensors, double?[] welcomed, double?[] acked) => new FleetStormResult
    {
        Sensors = sensors,
        StopSeconds = 1.24,
        ListeningSeconds = 2.5,
        ObservedSeconds = 48.2,
        Errors = new Dictionary<string, long> { ["Unavailable"] = 1234, ["connection lost: HttpRequestException"] = 5 },
        Refusals = new Dictionary<string, long> { ["accept_rate"] = 17 },
        PeakRssBytes = 300L * 1024 * 1024,
        CpuPercentOfCore = 87.4,
    }.WithSensorTimes(welcomed, acked);

    [Fact]
    public void Build_WithoutARestart_IsEmpty() => Assert.Equal("", FleetStormMarkdown.Build([new FleetResult { Sensors = 300 }]));

    [Fact]
    public void Build_AStormThatCameBack_IsARowWithItsTimesCountsErrorsRefusalsAndVerdict()
    {
        var markdown = FleetStormMarkdown.Build([new FleetResult { Sensors = 3, Tls = true, Storm = Storm(3, [4.0, 25.0, 40.5], [5.0, 26.0, 47.9]) }]);

        Assert.Contains(
            "| 3 | yes | 1.2 s | 2.5 s | 40.5 s | 47.9 s | 1 / 2 / 3 | Unavailable 1,234, connection lost: HttpRequestException 5 | accept_rate 17 | 300 MiB | 87 % | yes |",
            markdown,
            StringComparison.Ordinal);
        Assert.Contains("back within 60 s: yes", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_AStormNotAllBack_SaysHowManyAndNo()
    {
        var markdown = FleetStormMarkdown.Build([new FleetResult { Sensors = 2, Storm = Storm(2, [4.0, null], [5.0, null]) }]);

        Assert.Contains("| not all in 48 s (1 of 2) | not all in 48 s (1 of 2) |", markdown, StringComparison.Ordinal);
        Assert.Contains("| **no** |", markdown, StringComparison.Ordinal);
        Assert.Contains("back within 60 s: no", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_RefusalsNotRead_SayNotAvailable()
    {
        var markdown = FleetStormMarkdown.Build([new FleetResult { Sensors = 1, Storm = Storm(1, [1.0], [1.0]) with { Refusals = null } }]);

        Assert.Contains("| n/a |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_ARestartThatFailed_SaysWhyAndNo()
    {
        var markdown = FleetStormMarkdown.Build([new FleetResult { Sensors = 1, Storm = new FleetStormResult { Sensors = 1, Failure = "the collector did not come back" } }]);

        Assert.Contains("not measured: the collector did not come back", markdown, StringComparison.Ordinal);
        Assert.Contains("back within 60 s: no", markdown, StringComparison.Ordinal);
    }
}
