using System.Diagnostics.Metrics;
using Ingest.Collector.Diagnostics;
using Ingest.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Ingest.Collector.Tests.Diagnostics;

public sealed class SchedulingDelayTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-07T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public void Dispose() => _services.Dispose();

    [Fact]
    public void Recent_IsTheMeanOfTheLastSecondsSamples_SoOneLongPauseMovesItLittle()
    {
        var delay = Delay();
        for (var i = 0; i < SchedulingDelay.RecentSamples - 1; i++)
        {
            Sample(delay, TimeSpan.Zero);
        }

        Sample(delay, TimeSpan.FromMilliseconds(1000));

        Assert.Equal(TimeSpan.FromMilliseconds(100), delay.Recent);
        Assert.Equal(TimeSpan.FromMilliseconds(1000), delay.LargestWithin(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void Recent_WhenEverySampleIsLate_IsHowLateTheyRun()
    {
        var delay = Delay();
        for (var i = 0; i < SchedulingDelay.RecentSamples; i++)
        {
            Sample(delay, TimeSpan.FromMilliseconds(400));
        }

        Assert.Equal(TimeSpan.FromMilliseconds(400), delay.Recent);
    }

    [Fact]
    public void Recent_WhenNoSampleRunsAtAll_CountsTheOverdueOneAsLateAsItIsNow()
    {
        var delay = Delay();
        Sample(delay, TimeSpan.Zero);

        _time.Advance(TimeSpan.FromSeconds(3));

        Assert.True(delay.Recent >= TimeSpan.FromSeconds(2.7), $"recent {delay.Recent}");
        Assert.True(delay.LargestWithin(TimeSpan.FromSeconds(1)) >= TimeSpan.FromSeconds(2.7));
    }

    [Fact]
    public void LargestWithin_ForgetsDelaysOlderThanTheSpan()
    {
        var delay = Delay();
        Sample(delay, TimeSpan.FromMilliseconds(1500));
        for (var i = 0; i < 100; i++)
        {
            Sample(delay, TimeSpan.FromMilliseconds(5));
        }

        Assert.Equal(TimeSpan.FromMilliseconds(1500), delay.LargestWithin(TimeSpan.FromSeconds(30)));
        Assert.Equal(TimeSpan.FromMilliseconds(5), delay.LargestWithin(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task RunAsync_TakesASampleEveryInterval_SoNoneIsOverdue()
    {
        var delay = Delay();
        using var stop = new CancellationTokenSource();
        var running = delay.RunAsync(stop.Token);

        await Eventually.UntilAsync(() => delay.SamplesTaken >= 30, "30 samples were taken", step: () => _time.Advance(SchedulingDelay.SampleInterval));
        await stop.CancelAsync();
        await running;

        // Three seconds passed: had the loop not sampled, the overdue sample alone would read 2.8 s.
        Assert.True(delay.Recent <= TimeSpan.FromMilliseconds(200), $"recent {delay.Recent}");
    }

    private SchedulingDelay Delay() => new(_time, _services.GetRequiredService<IMeterFactory>());

    /// <summary>One sample taken on time: the interval passes, and the step runs <paramref name="late"/> after it.</summary>
    private void Sample(SchedulingDelay delay, TimeSpan late)
    {
        _time.Advance(SchedulingDelay.SampleInterval + late);
        delay.Record(late);
    }
}
