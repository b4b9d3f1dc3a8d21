using Ingest.Dashboard.Rendering;

namespace Ingest.Dashboard.Tests.Rendering;

public sealed class ColumnLayoutTests
{
    private static readonly Dictionary<SensorColumn, int> Widths = new()
    {
        [SensorColumn.Id] = 20,
        [SensorColumn.Kind] = 11,
        [SensorColumn.Status] = 9,
        [SensorColumn.Last] = 7,
        [SensorColumn.Min] = 7,
        [SensorColumn.Mean] = 7,
        [SensorColumn.Max] = 7,
        [SensorColumn.Rate] = 6,
        [SensorColumn.Trend] = 20,
        [SensorColumn.Config] = 6,
    };

    [Fact]
    public void Choose_WideEnough_KeepsEveryColumnWithContentInDisplayOrder() =>
        Assert.Equal(Enum.GetValues<SensorColumn>().Where(Widths.ContainsKey), ColumnLayout.Choose(Widths, 200).Select(entry => entry.Column));

    [Fact]
    public void Choose_RejectedColumn_ComesAfterConfigAndRateAndBesideTheStatus()
    {
        var widths = new Dictionary<SensorColumn, int>(Widths) { [SensorColumn.Rejected] = 8 };

        var narrow = ColumnLayout.Choose(widths, 74).Select(entry => entry.Column).ToArray();
        var wider = ColumnLayout.Choose(widths, 75).Select(entry => entry.Column).ToArray();

        Assert.Equal([SensorColumn.Id, SensorColumn.Status, SensorColumn.Last, SensorColumn.Rate, SensorColumn.Config], narrow);
        Assert.Equal([SensorColumn.Id, SensorColumn.Status, SensorColumn.Rejected, SensorColumn.Last, SensorColumn.Rate, SensorColumn.Config], wider);
    }

    [Fact]
    public void Choose_Narrow_KeepsIdStatusLastAndConfigAndDropsTheRestByPriority()
    {
        var columns = ColumnLayout.Choose(Widths, 70).Select(entry => entry.Column).ToArray();

        Assert.Equal([SensorColumn.Id, SensorColumn.Status, SensorColumn.Last, SensorColumn.Rate, SensorColumn.Config], columns);
    }

    [Fact]
    public void Choose_TooNarrowForTheEssentials_SqueezesTheIdColumn()
    {
        var layout = ColumnLayout.Choose(Widths, 36);

        Assert.Equal([SensorColumn.Id, SensorColumn.Status, SensorColumn.Last], layout.Select(entry => entry.Column));
        Assert.Equal(10, layout[0].Width);
    }

    [Fact]
    public void Choose_TrendColumn_StartsNarrowAndTakesTheWidthLeftOver()
    {
        var narrow = ColumnLayout.Choose(Widths, 99);
        var wide = ColumnLayout.Choose(Widths, 200);

        Assert.Equal(ColumnLayout.MinTrendWidth, narrow.Single(entry => entry.Column == SensorColumn.Trend).Width);
        Assert.Equal(20, wide.Single(entry => entry.Column == SensorColumn.Trend).Width);
    }

    [Fact]
    public void Choose_MinAndMax_AreDroppedFirstAndTogether()
    {
        var without = ColumnLayout.Choose(Widths, 118).Select(entry => entry.Column).ToArray();
        var with = ColumnLayout.Choose(Widths, 119).Select(entry => entry.Column).ToArray();

        Assert.DoesNotContain(SensorColumn.Min, without);
        Assert.DoesNotContain(SensorColumn.Max, without);
        Assert.Contains(SensorColumn.Trend, without);
        Assert.Contains(SensorColumn.Min, with);
        Assert.Contains(SensorColumn.Max, with);
    }
}
