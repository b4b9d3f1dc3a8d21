using Ingest.SensorSimulator.Sampling;

namespace Ingest.SensorSimulator.Tests.Sampling;

public sealed class SamplingScheduleTests
{
    private static readonly DateTimeOffset Aligned = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TryTakeDue_YieldsEveryReadingDueAtExactMultiplesOfTheInterval()
    {
        var schedule = new SamplingSchedule(TimeSpan.FromMilliseconds(10), Aligned.AddTicks(3));

        var due = TakeDue(schedule, Aligned.AddMilliseconds(45));

        Assert.Equal(
            [10, 20, 30, 40],
            due.Select(t => (t - Aligned).TotalMilliseconds));
    }

    [Fact]
    public void TryTakeDue_ContinuesWhereItStopped()
    {
        var schedule = new SamplingSchedule(TimeSpan.FromMilliseconds(10), Aligned);
        TakeDue(schedule, Aligned.AddMilliseconds(25));

        var due = TakeDue(schedule, Aligned.AddMilliseconds(40));

        Assert.Equal([30, 40], due.Select(t => (t - Aligned).TotalMilliseconds));
    }

    [Fact]
    public void RestartAt_SkipsReadingsDueBeforeNow()
    {
        var schedule = new SamplingSchedule(TimeSpan.FromMilliseconds(10), Aligned);

        schedule.RestartAt(Aligned.AddSeconds(5).AddMilliseconds(1));

        Assert.Equal(Aligned.AddSeconds(5).AddMilliseconds(10), schedule.Next);
        Assert.Empty(TakeDue(schedule, Aligned.AddSeconds(5).AddMilliseconds(9)));
    }

    private static List<DateTimeOffset> TakeDue(SamplingSchedule schedule, DateTimeOffset now)
    {
        var due = new List<DateTimeOffset>();
        while (schedule.TryTakeDue(now, out var time))
        {
            due.Add(time);
        }

        return due;
    }
}
