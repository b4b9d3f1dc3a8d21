using Ingest.Collector.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace Ingest.Collector.Tests.Diagnostics;

public sealed class ReasonPacerTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly ReasonPacer _pacer;

    public ReasonPacerTests() => _pacer = new ReasonPacer(_time);

    [Fact]
    public void Count_IsDueAtTheFirst_ThenOncePerIntervalWithTheCountSinceTheLastLine_PerReason()
    {
        var first = _pacer.Count("a");
        var within = Enumerable.Range(0, 4).Select(_ => _pacer.Count("a")).ToList();
        var otherReason = _pacer.Count("b");
        _time.Advance(ReasonPacer.Interval);
        var after = _pacer.Count("a");

        Assert.Equal(1, first);
        Assert.All(within, count => Assert.Equal(0, count));
        Assert.Equal(1, otherReason);
        Assert.Equal(5, after);
    }
}
