using Ingest.Dashboard.Model;
using Ingest.Dashboard.Rendering;
using Spectre.Console.Testing;
using static Ingest.Dashboard.Tests.Infrastructure.TestData;

namespace Ingest.Dashboard.Tests.Rendering;

/// <summary>The operator's view: the collector panel, the fleet's rate chart, the header's phrases, paused sensors and the Config column.</summary>
public sealed class OperatorViewTests
{
    private static readonly CollectorOperations Figures = new(
        StorageServing: true,
        StorageReason: "",
        CommitLatencyP99: TimeSpan.FromMilliseconds(4.2),
        CommitLatencySpan: TimeSpan.FromSeconds(10),
        CommitQueueDepth: 3,
        RefusedCalls: [new("sensor_rate", 10), new("unauthenticated", 2)],
        ChaosEnabled: true,
        ChaosInjections: [new("ack_dropped", 4), new("commit_fault", 3)],
        ControlStreams: 9,
        WorkingSetBytes: 120UL * 1024 * 1024,
        Gen0Collections: 12,
        Gen1Collections: 3,
        Gen2Collections: 1,
        GcPauseTotal: TimeSpan.FromMilliseconds(45));

    /// <summary>The phrases the panel must show whole, each on one line.</summary>
    private static readonly string[] PanelPhrases =
    [
        "● storage serving", "commit p99 4.2 ms", "queue 3", "refused 12 (sensor_rate 10, unauthenticated 2)",
        "chaos 7 (ack_dropped 4, commit_fault 3)", "sensors 10 uploading, 9 on control", "memory 120 MB", "GC 12/3/1 pause 45 ms",
    ];

    /// <summary>The header's phrases that must never be split across lines.</summary>
    private static readonly string[] HeaderPhrases =
    [
        "ingest 1,234 readings/s", "committed 987,654", "duplicates 3", "rejects 1", "losses 2", "late 5",
        "sensors 10 live", "0 stale", "0 offline", "10 uploading", "1 subscriber", "window 1s", "sort id", "1 paused",
    ];

    [Theory]
    [InlineData(160)]
    [InlineData(80)]
    public void Render_CollectorPanel_ShowsEveryFigureWholeWithinTheWidth(int width)
    {
        var lines = Lines(Render(Operated(), width));

        Assert.Contains(lines, line => line.Contains("collector", StringComparison.Ordinal) && line.Contains('╭'));
        foreach (var phrase in PanelPhrases)
        {
            Assert.Contains(lines, line => line.Contains(phrase, StringComparison.Ordinal));
        }

        Assert.All(lines, line => Assert.True(line.Length <= width, $"'{line}' is wider than {width}"));
    }

    [Fact]
    public void Render_StorageNotServing_SaysSoWithTheReason()
    {
        var state = Operated(Figures with { StorageServing = false, StorageReason = "storage writes fail: disk full" });

        var output = string.Join(' ', Lines(Render(state, 160)));

        Assert.Contains("✖ storage not serving storage writes fail: disk full", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ChaosOff_SaysOffAndNoRefusalsSayZero()
    {
        var state = Operated(Figures with { ChaosEnabled = false, ChaosInjections = [], RefusedCalls = [] });

        var output = Render(state, 160);

        Assert.Contains("chaos off", output, StringComparison.Ordinal);
        Assert.Contains("refused 0", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_CollectorWithoutFigures_HasNoPanel()
    {
        var output = Render(Connected(Window("a")), 160);

        Assert.DoesNotContain("commit p99", output, StringComparison.Ordinal);
        Assert.DoesNotContain("╭", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(160)]
    [InlineData(80)]
    public void Render_Header_KeepsEveryPhraseOnOneLineAndShowsTheCollectorsWindow(int width)
    {
        var lines = Lines(Render(Operated(), width));

        foreach (var phrase in HeaderPhrases)
        {
            Assert.True(lines.Any(line => line.Contains(phrase, StringComparison.Ordinal)), $"'{phrase}' not whole in:\n{string.Join('\n', lines)}");
        }

        Assert.DoesNotContain(lines, line => line.Contains("window default", StringComparison.Ordinal));
        Assert.All(lines, line => Assert.True(line.Length <= width, $"'{line}' is wider than {width}"));
    }

    [Fact]
    public void Render_WindowAskedFor_WinsOverTheCollectorsDefault()
    {
        var settings = ViewSettings.Default with { Window = TimeSpan.FromSeconds(10) };

        var output = Render(Operated(), 160, settings: settings);

        Assert.Contains("window 10s", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(160)]
    [InlineData(80)]
    public void Render_PausedSensor_ReadsZeroPerSecondAtOnce(int width)
    {
        var lines = Lines(Render(Operated(), width));

        var row = Assert.Single(lines, line => line.Contains("sim-paused-0002", StringComparison.Ordinal));
        Assert.Contains("paused", row, StringComparison.Ordinal);
        Assert.Contains(" 0.0 ", row + " ", StringComparison.Ordinal);
        Assert.DoesNotContain("80.0", row, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_At80Columns_KeepsTheConfigColumn()
    {
        var lines = Lines(Render(Operated(), 80));

        Assert.Contains(lines, line => line.Contains("Config", StringComparison.Ordinal));
        Assert.Contains("v6→v7", Assert.Single(lines, line => line.Contains("sim-pending-0003", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(160)]
    [InlineData(80)]
    public void Render_RateChart_DrawsTheFleetsRateAsABrailleLine(int width)
    {
        var state = Operated();
        for (var i = 1; i <= 60; i++)
        {
            state = state.Apply(new StatisticsUpdate(Totals() with { ReadingsPerSecond = i * 100 }), Start + TimeSpan.FromSeconds(2 * i));
        }

        var lines = Lines(Render(state, width, now: Start + TimeSpan.FromSeconds(120)));

        Assert.Contains(lines, line => line.Contains("fleet ingest readings/s, last 5 min", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("now 6k", StringComparison.Ordinal));
        var chart = lines.Where(line => line.Length > 0 && line.All(c => c is >= '\u2800' and <= '\u28FF')).ToList();
        Assert.Equal(RateChart.Rows, chart.Count);
        Assert.Contains(chart[0], c => c != '\u2800');
        Assert.Contains(chart[^1], c => c != '\u2800');
    }

    [Fact]
    public void Render_SeveralCollectors_GivesEachItsOwnPanelLine()
    {
        var fleet = new FleetState([Address, "http://127.0.0.1:5998"]);
        fleet.Connected(0, new CollectorIdentity("collector-a", "0.1.0"), Start);
        fleet.Connected(1, new CollectorIdentity("collector-b", "0.1.0"), Start);
        fleet.Apply(0, new StatisticsUpdate(Totals() with { CollectorInstanceId = "collector-a", Operations = Figures }), Start);
        fleet.Apply(1, new StatisticsUpdate(Totals() with
        {
            CollectorInstanceId = "collector-b",
            Operations = Figures with { StorageServing = false, StorageReason = "storage is not open yet" },
        }), Start);

        var lines = Lines(Render(fleet.Merged(), 160));

        Assert.Contains("● storage serving", Assert.Single(lines, line => line.Contains("│ collector-a", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("✖ storage not serving", Assert.Single(lines, line => line.Contains("│ collector-b", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    /// <summary>A collector with its operator figures, window 1 s, and three sensors: live, paused after 80/s, pending config.</summary>
    private static DashboardState Operated(CollectorOperations? figures = null)
    {
        var state = Connected(
            Window("sim-live-0001", rate: 100, desired: 7, reported: 7, configState: ConfigState.InSync),
            Window("sim-paused-0002", rate: 80, paused: true, desired: 7, reported: 7, configState: ConfigState.InSync),
            Window("sim-pending-0003", rate: 100, desired: 7, reported: 6, configState: ConfigState.Pending));
        return state.Apply(
            new StatisticsUpdate(Totals(live: 10) with { Window = TimeSpan.FromSeconds(1), Operations = figures ?? Figures }), Start);
    }

    private static string Render(DashboardState state, int width, DateTimeOffset? now = null, ViewSettings? settings = null)
    {
        var console = new TestConsole().Width(width);
        console.Write(DashboardView.Render(state, settings ?? ViewSettings.Default, width, 1000, now ?? Start, live: false));
        return console.Output;
    }

    private static List<string> Lines(string output) =>
        output.ReplaceLineEndings("\n").Split('\n').Select(line => line.TrimEnd()).Where(line => line.Length > 0).ToList();
}
