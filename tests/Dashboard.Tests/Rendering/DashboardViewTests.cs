using Ingest.Dashboard.Model;
using Ingest.Dashboard.Rendering;
using Spectre.Console;
using Spectre.Console.Testing;
using static Ingest.Dashboard.Tests.Infrastructure.TestData;

namespace Ingest.Dashboard.Tests.Rendering;

public sealed class DashboardViewTests
{
    private static readonly WindowAggregate[] FleetWindows =
    [
        Window("sim-temperature-0001", status: SensorStatus.Live, last: 21.75, mean: 21.5, rate: 100, desired: 3, reported: 3, configState: ConfigState.InSync),
        Window("sim-humidity-0002", kind: "humidity", status: SensorStatus.Stale, last: 55.125, mean: 54, rate: 12.5),
        Window("sim-pressure-0003", kind: "pressure", status: SensorStatus.Offline, last: 1013.25, mean: 1013, rate: 0),
    ];

    private static readonly DashboardState Fleet = Connected(FleetWindows);

    [Fact]
    public void Render_WideConsole_ShowsEverySensorWithItsValues()
    {
        var output = Render(Fleet, width: 160);

        Assert.Contains("sim-temperature-0001", output, StringComparison.Ordinal);
        Assert.Contains("temperature", output, StringComparison.Ordinal);
        Assert.Contains("21.75", output, StringComparison.Ordinal);
        Assert.Contains("20.5", output, StringComparison.Ordinal);
        Assert.Contains("22.5", output, StringComparison.Ordinal);
        Assert.Contains("100.0", output, StringComparison.Ordinal);
        Assert.Contains("12.5", output, StringComparison.Ordinal);
        Assert.Contains("v3", output, StringComparison.Ordinal);
        Assert.Contains("1013.25", output, StringComparison.Ordinal);
        Assert.Contains("collector-1", output, StringComparison.Ordinal);
        Assert.Contains("committed 987,654", output, StringComparison.Ordinal);
        Assert.Contains("losses 2", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_StaleAndOfflineRows_CarryAMarkerBesideTheirColour()
    {
        var lines = Lines(Render(Fleet, width: 160));

        Assert.Contains("▲ stale", Assert.Single(lines, line => line.Contains("sim-humidity-0002", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("✖ offline", Assert.Single(lines, line => line.Contains("sim-pressure-0003", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("● live", Assert.Single(lines, line => line.Contains("sim-temperature-0001", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(60)]
    [InlineData(40)]
    public void Render_AnyWidth_KeepsIdStatusAndLastValueOnEachSensorsLine(int width)
    {
        var lines = Lines(Render(Fleet, width));

        var row = Assert.Single(lines, line => line.Contains("sim-pressure", StringComparison.Ordinal));
        Assert.Contains("offline", row, StringComparison.Ordinal);
        Assert.Contains("1013.25", row, StringComparison.Ordinal);
        Assert.All(lines, line => Assert.True(line.Length <= width, $"'{line}' is wider than {width}"));
    }

    [Fact]
    public void Render_NarrowWidth_DropsLowPriorityColumnsFirstAndConfigLast()
    {
        var at60 = Render(Fleet, width: 60);
        var at80 = Render(Fleet, width: 80);

        Assert.Contains("Config", at60, StringComparison.Ordinal);
        Assert.DoesNotContain("Trend", at60, StringComparison.Ordinal);
        Assert.DoesNotContain("Rate/s", at60, StringComparison.Ordinal);
        Assert.Contains("Config", at80, StringComparison.Ordinal);
        Assert.Contains("Rate/s", at80, StringComparison.Ordinal);
        Assert.DoesNotContain("Min", at80, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_VeryLongSensorId_IsCutWithAnEllipsisAtNarrowWidth()
    {
        var state = Connected(Window("sensor-with-a-really-long-identifier-that-goes-on-0001", last: 4.5));

        var lines = Lines(Render(state, width: 40));

        var row = Assert.Single(lines, line => line.Contains("4.5", StringComparison.Ordinal));
        Assert.Contains("…", row, StringComparison.Ordinal);
        Assert.Contains("live", row, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Sparkline_ShowsRecentWindowMeansAsBlocks()
    {
        var state = Connected(Window("a", mean: 1, windowIndex: 0));
        for (var i = 1; i < 8; i++)
        {
            state = state.Apply(Update(Window("a", mean: 1 + i, windowIndex: i)), Start);
        }

        Assert.Contains("▁▂▃▄▅▆▇█", Render(state, width: 160), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ConfigColumn_ShowsNoneInSyncPendingAndRejected()
    {
        var state = Connected(
            Window("a", desired: 0, reported: 0),
            Window("b", desired: 7, reported: 7, configState: ConfigState.InSync),
            Window("c", desired: 7, reported: 6, configState: ConfigState.Pending),
            Window("d", desired: 7, reported: 6, configState: ConfigState.Rejected));

        var lines = Lines(Render(state, width: 160));

        Assert.EndsWith(" -", Row(lines, " a "), StringComparison.Ordinal);
        Assert.EndsWith(" v7", Row(lines, " b "), StringComparison.Ordinal);
        Assert.EndsWith(" v6→v7", Row(lines, " c "), StringComparison.Ordinal);
        Assert.EndsWith(" v7 rejected", Row(lines, " d "), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ConfigColumn_ColoursPendingYellowAndRejectedRed()
    {
        var state = Connected(
            Window("c", desired: 7, reported: 6, configState: ConfigState.Pending),
            Window("d", desired: 7, reported: 6, configState: ConfigState.Rejected));
        var console = new TestConsole().Width(160).Colors(ColorSystem.TrueColor).EmitAnsiSequences();

        console.Write(DashboardView.Render(state, ViewSettings.Default, 160, 1000, Start, live: false));

        var output = console.Output;
        // Yellow and red, in the 256-colour form Spectre writes them (38;5;11 and 38;5;9).
        Assert.Matches("\\e\\[[0-9;]*38;5;11mv6→v7", output);
        Assert.Matches("\\e\\[[0-9;]*38;5;9mv7 rejected", output);
    }

    [Fact]
    public void Render_PausedSensor_ShowsPausedAfterItsLivenessMarker()
    {
        var state = Connected(
            Window("a", status: SensorStatus.Live, paused: true),
            Window("b", status: SensorStatus.Offline, paused: true),
            Window("c", status: SensorStatus.Offline));

        var lines = Lines(Render(state, width: 160));

        Assert.Contains("● paused", Row(lines, " a "), StringComparison.Ordinal);
        Assert.DoesNotContain("live", Row(lines, " a "), StringComparison.Ordinal);
        Assert.Contains("✖ paused", Row(lines, " b "), StringComparison.Ordinal);
        Assert.Contains("✖ offline", Row(lines, " c "), StringComparison.Ordinal);
        Assert.DoesNotContain("paused", Row(lines, " c "), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(60)]
    [InlineData(40)]
    public void Render_PausedOfflineSensorAtAnyWidth_KeepsPausedOnItsLineAndFits(int width)
    {
        var state = Connected(
            Window("sim-pressure-0003", status: SensorStatus.Offline, last: 1013.25, paused: true, desired: 7, reported: 6, configState: ConfigState.Pending),
            Window("sim-humidity-0002", status: SensorStatus.Stale, last: 55.125));

        var lines = Lines(Render(state, width));

        Assert.Contains("paused", Row(lines, "sim-pressure"), StringComparison.Ordinal);
        Assert.Contains("1013.25", Row(lines, "sim-pressure"), StringComparison.Ordinal);
        Assert.All(lines, line => Assert.True(line.Length <= width, $"'{line}' is wider than {width}"));
    }

    [Fact]
    public void Render_NarrowWidth_KeepsTheConfigColumn()
    {
        var state = Connected(Window("sim-pressure-0003", desired: 7, reported: 6, configState: ConfigState.Rejected));

        var output = Render(state, width: 60);

        Assert.Contains("v7 rejected", Lines(output).Single(line => line.Contains("sim-pressure", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Header_CountsPendingRejectedAndPausedSensorsWhenAny()
    {
        var quiet = Render(Fleet, width: 200);
        Assert.DoesNotContain("pending", quiet, StringComparison.Ordinal);
        Assert.DoesNotContain("paused", quiet, StringComparison.Ordinal);

        var state = Connected(
            Window("a", desired: 7, reported: 6, configState: ConfigState.Pending),
            Window("b", desired: 7, reported: 6, configState: ConfigState.Pending, paused: true),
            Window("c", desired: 7, reported: 6, configState: ConfigState.Rejected),
            Window("d", desired: 7, reported: 7, configState: ConfigState.InSync));

        var header = Lines(Render(state, width: 200)).Single(line => line.StartsWith("sensors ", StringComparison.Ordinal));

        Assert.Contains("config 2 pending", header, StringComparison.Ordinal);
        Assert.Contains("config 1 rejected", header, StringComparison.Ordinal);
        Assert.Contains("1 paused", header, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Reconnecting_HeaderShowsAttemptNextRetryAndThatTheDataIsOld()
    {
        var notice = new Ingest.Dashboard.Model.RetryNotice(2, TimeSpan.FromSeconds(4), Start.AddSeconds(4), "Unavailable: connection refused");
        var state = Fleet.Reconnecting(notice);

        var output = Render(state, width: 100, now: Start.AddSeconds(1.5));

        Assert.Contains("reconnecting", output, StringComparison.Ordinal);
        Assert.Contains("attempt 3 in 2.5 s", output, StringComparison.Ordinal);
        Assert.Contains("last error: Unavailable: connection refused", output, StringComparison.Ordinal);
        Assert.Contains("LAST KNOWN DATA", output, StringComparison.Ordinal);
        Assert.Contains("collector unreachable, 1.5 s old", output, StringComparison.Ordinal);
        Assert.Contains("sim-temperature-0001", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Connected_HeaderShowsCollectorAndNoStaleWarning()
    {
        var output = Render(Fleet, width: 120);

        Assert.Contains("● connected", output, StringComparison.Ordinal);
        Assert.Contains("v0.1.0", output, StringComparison.Ordinal);
        Assert.DoesNotContain("LAST KNOWN DATA", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_BeforeAnyConnection_SaysItIsWaiting()
    {
        var output = Render(DashboardState.Initial(Address), width: 80);

        Assert.Contains("connecting", output, StringComparison.Ordinal);
        Assert.Contains("waiting for the collector", output, StringComparison.Ordinal);
        Assert.Contains(Address, output, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_FilterAndSort_AreApplied()
    {
        var settings = new ViewSettings(new SensorFilter(["sim-p*", "sim-h*"], []), SortOrder.Status, null);

        var lines = Lines(Render(Fleet, width: 160, settings: settings));

        var pressure = lines.FindIndex(line => line.Contains("sim-pressure-0003", StringComparison.Ordinal));
        var humidity = lines.FindIndex(line => line.Contains("sim-humidity-0002", StringComparison.Ordinal));
        Assert.True(pressure >= 0 && humidity > pressure, "offline first, then stale");
        Assert.DoesNotContain(lines, line => line.Contains("sim-temperature-0001", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_LiveViewTallerThanTheConsole_ShowsHowManySensorsAreHidden()
    {
        var windows = Enumerable.Range(1, 50).Select(i => Window($"s-{i:D2}")).ToArray();

        var output = Render(Connected(windows), width: 100, height: 20, live: true);

        // 11 rows fit below the header; the rate chart takes 3 of them, since 8 rows remain beside it.
        Assert.Contains("42 more not shown", output, StringComparison.Ordinal);
        Assert.Contains("q quit", output, StringComparison.Ordinal);
        Assert.True(Lines(output).Count <= 20, "the view fits the console's height");
    }

    [Theory]
    [InlineData("", 10, 1)]
    [InlineData("abc def", 7, 1)]
    [InlineData("abc def", 5, 2)]
    [InlineData("abcdefghij", 4, 3)]
    [InlineData("ab abcdefghij x", 4, 4)]
    public void WrappedLines_CountsLinesOfAWordWrap(string text, int width, int expected) =>
        Assert.Equal(expected, DashboardView.WrappedLines(text, width));

    [Theory]
    [InlineData(100, 30)]
    [InlineData(60, 20)]
    [InlineData(40, 16)]
    public void Render_LiveView_FillsButNeverOverflowsTheConsole(int width, int height)
    {
        var windows = Enumerable.Range(1, 50).Select(i => Window($"sim-temperature-{i:D4}")).ToArray();

        var lines = Render(Connected(windows), width, height, live: true).ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');

        Assert.InRange(lines.Length, height - 4, height);
        Assert.Contains("q quit", lines[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(80)]
    [InlineData(160)]
    public void Render_SensorWithOnlyRejectedBatches_ShowsRejectedWithItsCountAndTheLatestReasonInFull(int width)
    {
        var state = Connected([.. FleetWindows, RejectedOnly("sim-skewed-0004", rejected: 1234)]);

        var output = Render(state, width);

        var lines = Lines(output);
        var row = Row(lines, "sim-skewed-0004 ");
        Assert.Contains("● rejected", row, StringComparison.Ordinal);
        Assert.Contains("1,234", row, StringComparison.Ordinal);
        Assert.DoesNotContain("21.75", row, StringComparison.Ordinal);
        Assert.Contains("rejected sim-skewed-0004: 1,234 batches, latest: " + SkewReason, string.Join(' ', lines), StringComparison.Ordinal);
        Assert.Contains("1 with rejected batches", output, StringComparison.Ordinal);
        Assert.All(lines, line => Assert.True(line.Length <= width, $"'{line}' is wider than {width}"));
    }

    [Fact]
    public void Render_SensorWithOnlyRejectedBatches_ShowsItsStatusInRed()
    {
        var state = Connected(RejectedOnly("sim-skewed-0004"));
        var console = new TestConsole().Width(160).Colors(ColorSystem.TrueColor).EmitAnsiSequences();

        console.Write(DashboardView.Render(state, ViewSettings.Default, 160, 1000, Start, live: false));

        // Red, in the 256-colour form Spectre writes it (38;5;9).
        Assert.Matches("\\e\\[[0-9;]*38;5;9m● rejected", console.Output);
    }

    [Fact]
    public void Render_NarrowestTable_KeepsRejectedOnTheSensorsLine()
    {
        var lines = Lines(Render(Connected([.. FleetWindows, RejectedOnly("sim-skewed-0004")]), width: 40));

        Assert.Contains("sim-sk", Row(lines, "● rejected"), StringComparison.Ordinal);
        Assert.All(lines, line => Assert.True(line.Length <= 40, $"'{line}' is wider than 40"));
    }

    [Fact]
    public void Render_SensorWithStoredAndRejectedBatches_ShowsItsValuesAndItsRejectedCount()
    {
        var state = Connected(Window("sim-mixed-0005", last: 21.75, rejected: 7, lastRejection: "reading 3 is NaN; values must be finite numbers"));

        var lines = Lines(Render(state, width: 80));

        var row = Row(lines, "sim-mixed-0005 ");
        Assert.Contains("● live", row, StringComparison.Ordinal);
        Assert.Contains("21.75", row, StringComparison.Ordinal);
        Assert.Contains(" 7 ", row, StringComparison.Ordinal);
        Assert.Contains("rejected sim-mixed-0005: 7 batches, latest: reading 3 is NaN", string.Join(' ', lines), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoRejectedBatches_HasNoRejectedColumnOrNotes()
    {
        var output = Render(Fleet, width: 160);

        Assert.DoesNotContain("Rejected", output, StringComparison.Ordinal);
        Assert.DoesNotContain("rejected", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_LiveViewWithManyRejectingSensors_ExplainsAFewCountsTheRestAndFitsTheConsole()
    {
        var windows = Enumerable.Range(1, 30).Select(i => RejectedOnly($"sim-skewed-{i:D4}", rejected: (ulong)i)).ToArray();

        var output = Render(Connected(windows), width: 100, height: 30, live: true);

        var lines = Lines(output);
        Assert.Equal(RejectionNotes.LiveLimit, lines.Count(line => line.StartsWith("rejected sim-skewed-", StringComparison.Ordinal)));
        Assert.Contains("rejected sim-skewed-0030: 30 batches", output, StringComparison.Ordinal);
        Assert.Contains("27 more sensors with rejected batches", output, StringComparison.Ordinal);
        Assert.True(output.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n').Length <= 30, "the view fits the console's height");
    }

    private static string Render(
        DashboardState state, int width, int height = 1000, DateTimeOffset? now = null, ViewSettings? settings = null, bool live = false)
    {
        var console = new TestConsole().Width(width).Height(height);
        console.Write(DashboardView.Render(state, settings ?? ViewSettings.Default, width, height, now ?? Start, live));
        return console.Output;
    }

    private static string Row(List<string> lines, string text) =>
        Assert.Single(lines, line => line.Contains(text, StringComparison.Ordinal));

    private static List<string> Lines(string output) =>
        output.ReplaceLineEndings("\n").Split('\n').Select(line => line.TrimEnd()).Where(line => line.Length > 0).ToList();
}
