using Ingest.Dashboard.Rendering;

namespace Ingest.Dashboard.Tests.Rendering;

public sealed class PhraseWrapTests
{
    [Fact]
    public void Wrap_BreaksOnlyBetweenPhrases()
    {
        var lines = PhraseWrap.Wrap(["sensors 10 live", "0 stale", "0 offline", "window 1s"], 28);

        Assert.Equal(["sensors 10 live · 0 stale", "0 offline · window 1s"], lines);
    }

    [Fact]
    public void Wrap_MarkupDoesNotCountTowardTheWidth()
    {
        var lines = PhraseWrap.Wrap(["[green]ab[/]", "[red]cd[/]"], 7);

        Assert.Equal(["[green]ab[/] · [red]cd[/]"], lines);
    }

    [Fact]
    public void Wrap_IndentsContinuationLinesAndKeepsAnOverlongPhraseWhole()
    {
        var lines = PhraseWrap.Wrap(["a", "a-very-long-phrase", "b"], 10, " · ", "  ");

        Assert.Equal(["a", "  a-very-long-phrase", "  b"], lines);
    }

    [Fact]
    public void Wrap_SkipsEmptyPhrases() =>
        Assert.Equal(["a · b"], PhraseWrap.Wrap(["a", "", "b"], 80));
}
