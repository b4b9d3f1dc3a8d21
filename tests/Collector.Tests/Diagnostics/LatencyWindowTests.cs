using Ingest.Collector.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace Ingest.Collector.Tests.Diagnostics;

public sealed class LatencyWindowTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Percentile_NothingRecorded_IsNull() =>
        Assert.Null(new LatencyWindow(TimeSpan.FromSeconds(10), _time).Percentile(0.99));

    [Fact]
    public void Percentile_IsTheUpperBoundOfTheBucketItFallsIn()
    {
        var window = new LatencyWindow(TimeSpan.FromSeconds(10), _time);
        for (var i = 0; i < 98; i++)
        {
            window.Record(TimeSpan.FromMilliseconds(2));
        }

        window.Record(TimeSpan.FromMilliseconds(300));
        window.Record(TimeSpan.FromMilliseconds(300));

        var p99 = window.Percentile(0.99)!.Value;
        var p50 = window.Percentile(0.5)!.Value;

        Assert.InRange(p99, TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(450));
        Assert.InRange(p50, TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(3));
    }

    [Fact]
    public void Percentile_ForgetsWhatLeftTheSpan()
    {
        var window = new LatencyWindow(TimeSpan.FromSeconds(10), _time);
        window.Record(TimeSpan.FromSeconds(5));
        _time.Advance(TimeSpan.FromSeconds(5));
        window.Record(TimeSpan.FromMilliseconds(1));

        Assert.True(window.Percentile(0.99) >= TimeSpan.FromSeconds(5));

        _time.Advance(TimeSpan.FromSeconds(6));
        Assert.InRange(window.Percentile(0.99)!.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1.5));

        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Null(window.Percentile(0.99));
    }

    [Fact]
    public void Record_AfterManySpans_ReusesItsSlotsWithoutGrowing()
    {
        var window = new LatencyWindow(TimeSpan.FromSeconds(3), _time);
        for (var i = 0; i < 1000; i++)
        {
            window.Record(TimeSpan.FromSeconds(60));
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        window.Record(TimeSpan.FromMilliseconds(1));
        _time.Advance(TimeSpan.FromSeconds(3));

        Assert.Null(window.Percentile(0.99));
    }

    [Fact]
    public void Record_BeyondTheLastBucket_CountsInTheLast()
    {
        var window = new LatencyWindow(TimeSpan.FromSeconds(10), _time);
        window.Record(TimeSpan.FromHours(1));

        Assert.Equal(TimeSpan.FromSeconds(LatencyWindow.BucketBounds[^1]), window.Percentile(0.99));
    }
}
