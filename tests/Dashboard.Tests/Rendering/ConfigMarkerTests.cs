using Ingest.Dashboard.Model;
using Ingest.Dashboard.Rendering;

namespace Ingest.Dashboard.Tests.Rendering;

public sealed class ConfigMarkerTests
{
    [Theory]
    [InlineData(0UL, 0UL, nameof(ConfigState.InSync), "-")]
    [InlineData(0UL, 0UL, nameof(ConfigState.Unknown), "-")]
    [InlineData(7UL, 7UL, nameof(ConfigState.InSync), "v7")]
    [InlineData(7UL, 6UL, nameof(ConfigState.Pending), "v6→v7")]
    [InlineData(7UL, 0UL, nameof(ConfigState.Pending), "v0→v7")]
    [InlineData(7UL, 6UL, nameof(ConfigState.Rejected), "v7 rejected")]
    [InlineData(7UL, 6UL, nameof(ConfigState.Unknown), "v6→v7")]
    [InlineData(7UL, 7UL, nameof(ConfigState.Unknown), "v7")]
    public void Text_ReadsTheStateWithoutColour(ulong desired, ulong reported, string state, string expected) =>
        Assert.Equal(expected, ConfigMarker.Text(desired, reported, Enum.Parse<ConfigState>(state)));

    [Fact]
    public void Style_PendingYellowRejectedRedInSyncAndLastKnownKeepTheRows()
    {
        Assert.Equal(Spectre.Console.Color.Yellow, ConfigMarker.Style(7, 6, ConfigState.Pending, lastKnown: false)?.Foreground);
        Assert.Equal(Spectre.Console.Color.Red, ConfigMarker.Style(7, 6, ConfigState.Rejected, lastKnown: false)?.Foreground);
        Assert.Null(ConfigMarker.Style(7, 7, ConfigState.InSync, lastKnown: false));
        Assert.Null(ConfigMarker.Style(7, 6, ConfigState.Rejected, lastKnown: true));
    }
}
