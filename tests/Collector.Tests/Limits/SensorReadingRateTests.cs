using Ingest.Collector.Ingestion;
using Ingest.Collector.Settings;
using Ingest.Collector.Tests.TestDoubles;
using Microsoft.Extensions.Time.Testing;

namespace Ingest.Collector.Tests.Limits;

public sealed class SensorReadingRateTests
{
    private const int ReadingsPerSecond = 1000;
    private const int BatchReadings = 4000;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly SensorReadingRate _rate;

    public SensorReadingRateTests() => _rate = new SensorReadingRate(
        FixedOptions.Of(new IngestionOptions { MaxReadingsPerSecondPerSensor = ReadingsPerSecond, MaxReadingsPerBatch = BatchReadings }),
        _time);

    [Fact]
    public void TryTake_BatchLargerThanOneSecondOfRate_PassesWhenTheBucketIsFull_SoALegalBatchAlwaysPassesEventually()
    {
        Assert.True(_rate.TryTake("big", BatchReadings, out _, out _));
        Assert.False(_rate.TryTake("big", BatchReadings, out _, out var retryAfter));

        _time.Advance(retryAfter);

        Assert.True(_rate.TryTake("big", BatchReadings, out _, out _));
    }

    [Fact]
    public void TryTake_AfterASweepInterval_DropsTheBucketsOfIdleSensors()
    {
        Assert.True(_rate.TryTake("idle", BatchReadings, out _, out _));
        Assert.Equal(1, _rate.TrackedSensors);

        _time.Advance(SensorReadingRate.SweepInterval);
        Assert.True(_rate.TryTake("active", 1, out _, out _));

        Assert.Equal(1, _rate.TrackedSensors);
    }

    [Fact]
    public void TryTake_SweepKeepsBucketsThatHaveNotRefilled()
    {
        var refillTime = TimeSpan.FromSeconds((double)BatchReadings / ReadingsPerSecond);
        Assert.True(_rate.TryTake("busy", BatchReadings, out _, out _));
        _time.Advance(SensorReadingRate.SweepInterval - refillTime / 2);
        Assert.True(_rate.TryTake("busy", BatchReadings, out _, out _));

        _time.Advance(refillTime / 2);
        Assert.True(_rate.TryTake("active", 1, out _, out _));

        Assert.Equal(2, _rate.TrackedSensors);
    }
}
