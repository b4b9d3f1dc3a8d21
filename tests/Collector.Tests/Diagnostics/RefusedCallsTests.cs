using System.Diagnostics.Metrics;
using Ingest.Collector.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Ingest.Collector.Tests.Diagnostics;

public sealed class RefusedCallsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeTimeProvider _time = new();
    private readonly RefusedCalls _refused;

    public RefusedCallsTests() => _refused = new RefusedCalls(_services.GetRequiredService<IMeterFactory>(), _time);

    public void Dispose() => _services.Dispose();

    [Fact]
    public void Count_WarnsAtTheFirstRefusal_ThenOncePerIntervalWithTheCountSinceTheLastWarning()
    {
        const int refusals = 5;

        var first = _refused.Count(RefusedCalls.Unauthenticated);
        var within = Enumerable.Range(0, refusals).Select(_ => _refused.Count(RefusedCalls.Unauthenticated)).ToList();
        _time.Advance(RefusedCalls.WarningInterval - TimeSpan.FromTicks(1));
        var justBefore = _refused.Count(RefusedCalls.Unauthenticated);
        _time.Advance(TimeSpan.FromTicks(1));
        var after = _refused.Count(RefusedCalls.Unauthenticated);

        Assert.Equal(1, first);
        Assert.All(within, count => Assert.Equal(0, count));
        Assert.Equal(0, justBefore);
        Assert.Equal(refusals + 2, after);
    }

    [Fact]
    public void Count_PacesEachReasonOnItsOwn()
    {
        _refused.Count(RefusedCalls.Unauthenticated);

        Assert.Equal(1, _refused.Count(RefusedCalls.PermissionDenied));
        Assert.Equal(0, _refused.Count(RefusedCalls.Unauthenticated));
    }

    [Fact]
    public void Count_AddsEveryRefusalToTheMetricTaggedWithItsReason()
    {
        const int refusals = 3;
        var observed = new List<(long Value, object? Reason)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "ingest.calls.refused")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) => observed.Add((value, tags.ToArray().Single(t => t.Key == "reason").Value)));
        listener.Start();

        for (var i = 0; i < refusals; i++)
        {
            _refused.Count(RefusedCalls.StatusIgnored);
        }

        Assert.Equal(refusals, observed.Count(o => o is (1, RefusedCalls.StatusIgnored)));
    }
}
