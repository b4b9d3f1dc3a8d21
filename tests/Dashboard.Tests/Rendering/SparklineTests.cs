using Ingest.Dashboard.Rendering;

namespace Ingest.Dashboard.Tests.Rendering;

public sealed class SparklineTests
{
    [Fact]
    public void Render_ScalesBetweenTheSeriesMinimumAndMaximum() =>
        Assert.Equal("▁▅█", Sparkline.Render([10, 15, 20], 20));

    [Fact]
    public void Render_FlatSeries_SitsInTheMiddle() => Assert.Equal("▄▄▄", Sparkline.Render([5, 5, 5], 20));

    [Fact]
    public void Render_MoreValuesThanWidth_ShowsTheMostRecent() =>
        Assert.Equal("▁█", Sparkline.Render([100, 0, 1], 2));

    [Fact]
    public void Render_Empty_IsEmpty() => Assert.Equal("", Sparkline.Render([], 20));
}
