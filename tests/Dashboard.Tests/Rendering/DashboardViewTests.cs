using Ingest.Dashboard.Model;
using Ingest.Dashboard.Rendering;
using Spectre.Console.Testing;
using static Ingest.Dashboard.Tests.Infrastructure.TestData;

namespace Ingest.Dashboard.Tests.Rendering;

public sealed class DashboardViewTests
{
    private static readonly DashboardState Fleet = Connected(
        Window("sim-temperature-0001", status: SensorStatus.Live, last: 21.75, mean: 21.5, rate: 100, desired: 3, reported: 3),
        Window("sim-humidity-0002", kind: "humidity", status: SensorStatus.Stale, last: 55.125, mean: 54, rate: 12.5),
        Window("sim-pressure-0003", kind: "pressure", status: SensorStatus.Offline, last: 1013.25, mean: 1013, rate: 0));

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
        Assert.Contains("3/3", output, StringComparison.Ordinal);
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
    public void Render_NarrowWidth_DropsLowPriorityColumnsFirst()
    {
        var output = Render(Fleet, width: 60);

        Assert.DoesNotContain("Config", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Trend", output, StringComparison.Ordinal);
        Assert.Contains("Rate/s", output, StringComparison.Ordinal);
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
    public void Render_ConfigVersions_ShowADashWhileBothAreZeroAndAStarWhileTheyDiffer()
    {
        var state = Connected(Window("a", desired: 0, reported: 0), Window("b", desired: 5, reported: 4));

        var lines = Lines(Render(state, width: 160));

        Assert.EndsWith("-", Assert.Single(lines, line => line.Contains(" a ", StringComparison.Ordinal)).TrimEnd(), StringComparison.Ordinal);
        Assert.EndsWith("5/4*", Assert.Single(lines, line => line.Contains(" b ", StringComparison.Ordinal)).TrimEnd(), StringComparison.Ordinal);
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

        Assert.Contains("39 more not shown", output, StringComparison.Ordinal);
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

    private static string Render(
        DashboardState state, int width, int height = 1000, DateTimeOffset? now = null, ViewSettings? settings = null, bool live = false)
    {
        var console = new TestConsole().Width(width).Height(height);
        console.Write(DashboardView.Render(state, settings ?? ViewSettings.Default, width, height, now ?? Start, live));
        return console.Output;
    }

    private static List<string> Lines(string output) =>
        output.ReplaceLineEndings("\n").Split('\n').Select(line => line.TrimEnd()).Where(line => line.Length > 0).ToList();
}
