using System.Diagnostics.Metrics;
using Ingest.Collector.Control;
using Ingest.Collector.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Ingest.Collector.Tests.Control;

public sealed class SilenceWatchTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(15);

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-07T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly SchedulingDelay _delay;

    public SilenceWatchTests() => _delay = new SchedulingDelay(_time, _services.GetRequiredService<IMeterFactory>());

    public void Dispose() => _services.Dispose();

    [Fact]
    public void Silenced_FiresOnceTheSensorWasSilentForTheLimit_WhileTheCollectorRanOnTime()
    {
        using var watch = new SilenceWatch(Limit, _delay, _time);

        AdvanceSampling(Limit - TimeSpan.FromSeconds(1), late: TimeSpan.Zero);
        Assert.False(watch.Silenced.IsCancellationRequested);
        AdvanceSampling(TimeSpan.FromSeconds(1), late: TimeSpan.Zero);

        Assert.True(watch.Silenced.IsCancellationRequested);
        Assert.Equal(Limit, watch.Silence);
        Assert.Equal(0, watch.Excused);
    }

    [Fact]
    public void Heard_PutsTheLimitOffFromTheLastMessage()
    {
        using var watch = new SilenceWatch(Limit, _delay, _time);
        AdvanceSampling(TimeSpan.FromSeconds(10), late: TimeSpan.Zero);
        watch.Heard();

        AdvanceSampling(TimeSpan.FromSeconds(10), late: TimeSpan.Zero);
        Assert.False(watch.Silenced.IsCancellationRequested);
        AdvanceSampling(TimeSpan.FromSeconds(5), late: TimeSpan.Zero);

        Assert.True(watch.Silenced.IsCancellationRequested);
    }

    [Fact]
    public void Silenced_WhenTheCollectorsWorkRanLateDuringTheSilence_WaitsAnotherLimit_UpToTheMost()
    {
        using var watch = new SilenceWatch(Limit, _delay, _time);

        // The collector's queued work runs two seconds late throughout: a heartbeat may be waiting unread.
        AdvanceSampling(Limit * 2, late: TimeSpan.FromSeconds(2));
        Assert.False(watch.Silenced.IsCancellationRequested);
        Assert.True(watch.Excused >= 1);

        AdvanceSampling(Limit * (SilenceWatch.MostLimits - 2), late: TimeSpan.FromSeconds(2));

        Assert.True(watch.Silenced.IsCancellationRequested);
        Assert.Equal(Limit * SilenceWatch.MostLimits, watch.Silence);
    }

    [Fact]
    public void Silenced_AfterTheCollectorCaughtUp_IsNotExcusedByALateSpellBeforeTheSilence()
    {
        AdvanceSampling(TimeSpan.FromSeconds(3), late: TimeSpan.FromSeconds(3));
        AdvanceSampling(TimeSpan.FromSeconds(30), late: TimeSpan.Zero);
        using var watch = new SilenceWatch(Limit, _delay, _time);

        AdvanceSampling(Limit, late: TimeSpan.Zero);

        Assert.True(watch.Silenced.IsCancellationRequested);
        Assert.Equal(0, watch.Excused);
    }

    /// <summary>Lets <paramref name="span"/> pass in steps of half a second, the collector's work running <paramref name="late"/> at each.</summary>
    private void AdvanceSampling(TimeSpan span, TimeSpan late)
    {
        var step = TimeSpan.FromMilliseconds(500);
        for (var passed = TimeSpan.Zero; passed < span; passed += step)
        {
            _time.Advance(step);
            _delay.Record(late);
        }
    }
}
