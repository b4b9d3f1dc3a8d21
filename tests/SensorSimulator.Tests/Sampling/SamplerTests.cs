using Ingest.SensorSimulator.Buffering;
using Ingest.SensorSimulator.Configuration;
using Ingest.SensorSimulator.Model;
using Ingest.SensorSimulator.Sampling;
using Ingest.SensorSimulator.Settings;
using Ingest.SensorSimulator.Signals;
using Ingest.SensorSimulator.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Ingest.SensorSimulator.Tests.Sampling;

public sealed class SamplerTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly SensorCounters _counters = new();
    private LiveConfiguration _live = new(TestSettings.Default);

    [Fact]
    public async Task SampleDue_SealsBatchesByCount()
    {
        var (sampler, buffer) = NewSampler(batchSize: 5, maxAge: TimeSpan.FromHours(1), capacity: 10);
        sampler.Start(firstSequence: 1);

        _time.Advance(TimeSpan.FromMilliseconds(120));
        await sampler.SampleDueAsync(CancellationToken.None);

        // Readings at 0, 10, ..., 120 ms: 13 readings, two full batches and three open.
        Assert.Equal(13, _counters.Sampled);
        Assert.Equal([1UL, 2UL], buffer.Sequences);
        Assert.Equal(3, sampler.OpenReadings);
        Assert.Equal(2UL, _counters.LastSequence);
        AssertInvariant(buffer, sampler);
    }

    [Fact]
    public async Task SampleDue_SealsBatchByAge()
    {
        var (sampler, buffer) = NewSampler(batchSize: 1000, maxAge: TimeSpan.FromMilliseconds(100), capacity: 10);
        sampler.Start(firstSequence: 1);

        _time.Advance(TimeSpan.FromMilliseconds(90));
        await sampler.SampleDueAsync(CancellationToken.None);
        Assert.Empty(buffer.Sequences);

        _time.Advance(TimeSpan.FromMilliseconds(10));
        await sampler.SampleDueAsync(CancellationToken.None);

        Assert.Equal([1UL], buffer.Sequences);
        Assert.Equal(0, sampler.OpenReadings);
        Assert.Equal(11, _counters.Sampled);
    }

    [Fact]
    public async Task SampleDue_NumbersBatchesFromTheFirstSequence()
    {
        var (sampler, buffer) = NewSampler(batchSize: 2, maxAge: TimeSpan.FromHours(1), capacity: 10);
        sampler.Start(firstSequence: 41);

        _time.Advance(TimeSpan.FromMilliseconds(30));
        await sampler.SampleDueAsync(CancellationToken.None);

        Assert.Equal([41UL, 42UL], buffer.Sequences);
        Assert.Equal(43UL, sampler.NextSequence);
    }

    [Fact]
    public async Task SampleDue_StampsReadingsAtTheirScheduledTimes()
    {
        var (sampler, buffer) = NewSampler(batchSize: 4, maxAge: TimeSpan.FromHours(1), capacity: 10);
        sampler.Start(firstSequence: 1);

        // Woken late and irregularly: the readings still sit 10 ms apart.
        _time.Advance(TimeSpan.FromMilliseconds(17));
        await sampler.SampleDueAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(23));
        await sampler.SampleDueAsync(CancellationToken.None);

        var batch = buffer.TryTakePending()!;
        var deltas = batch.Readings.Zip(batch.Readings.Skip(1), (a, b) => b.TimestampMicros - a.TimestampMicros);
        Assert.All(deltas, delta => Assert.Equal(10_000, delta));
        Assert.Equal(0, batch.Readings[0].TimestampMicros % 10_000);
    }

    [Fact]
    public async Task SampleDue_WhenBufferFullWithBlock_WaitsThenSkipsReadingsDueMeanwhile()
    {
        var (sampler, buffer) = NewSampler(batchSize: 2, maxAge: TimeSpan.FromHours(1), capacity: 1);
        sampler.Start(firstSequence: 1);
        _time.Advance(TimeSpan.FromMilliseconds(10));
        await sampler.SampleDueAsync(CancellationToken.None);
        Assert.Equal([1UL], buffer.Sequences);

        _time.Advance(TimeSpan.FromMilliseconds(20));
        var sampling = sampler.SampleDueAsync(CancellationToken.None).AsTask();
        Assert.False(sampling.IsCompleted);
        Assert.Equal(4, _counters.Sampled);

        // A second passes before the collector settles batch 1.
        _time.Advance(TimeSpan.FromSeconds(1));
        buffer.TryTakePending();
        buffer.SettleAck([1UL], new HashSet<ulong>(), committedSequence: 1);
        await sampling.WaitAsync(Eventually.DefaultTimeout);

        Assert.Equal([2UL], buffer.Sequences);

        // The schedule restarted at 1,030 ms: the hundred readings due during the wait are not sampled.
        _time.Advance(TimeSpan.FromMilliseconds(5));
        await sampler.SampleDueAsync(CancellationToken.None).AsTask().WaitAsync(Eventually.DefaultTimeout);
        Assert.Equal(5, _counters.Sampled);
        AssertInvariant(buffer, sampler);
    }

    [Fact]
    public async Task SampleDue_WhenWaitForRoomIsCancelled_KeepsReadingsOpenForTheFlush()
    {
        var (sampler, buffer) = NewSampler(batchSize: 2, maxAge: TimeSpan.FromHours(1), capacity: 1);
        sampler.Start(firstSequence: 1);
        _time.Advance(TimeSpan.FromMilliseconds(30));
        using var stop = new CancellationTokenSource();
        var sampling = sampler.SampleDueAsync(stop.Token).AsTask();
        Assert.False(sampling.IsCompleted);

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sampling);

        Assert.Equal(2, sampler.OpenReadings);
        buffer.TryTakePending();
        buffer.SettleAck([1UL], new HashSet<ulong>(), committedSequence: 1);
        await sampler.FlushAsync(CancellationToken.None);
        Assert.Equal([2UL], buffer.Sequences);
        Assert.Equal(0, sampler.OpenReadings);
        AssertInvariant(buffer, sampler);
    }

    [Fact]
    public async Task Flush_SealsTheOpenBatch()
    {
        var (sampler, buffer) = NewSampler(batchSize: 100, maxAge: TimeSpan.FromHours(1), capacity: 10);
        sampler.Start(firstSequence: 1);
        _time.Advance(TimeSpan.FromMilliseconds(50));
        await sampler.SampleDueAsync(CancellationToken.None);

        await sampler.FlushAsync(CancellationToken.None);
        await sampler.FlushAsync(CancellationToken.None);

        Assert.Equal([1UL], buffer.Sequences);
        Assert.Equal(6, buffer.TryTakePending()!.Count);
    }

    [Fact]
    public async Task Run_SamplesOnTheTimerUntilCancelled()
    {
        var (sampler, buffer) = NewSampler(batchSize: 10, maxAge: TimeSpan.FromSeconds(1), capacity: 100);
        sampler.Start(firstSequence: 1);
        using var stop = new CancellationTokenSource();

        var running = sampler.RunAsync(stop.Token);
        await Eventually.UntilAsync(() => _counters.Sampled >= 50, step: () => _time.Advance(Sampler.MinimumTick));
        await stop.CancelAsync();
        await running.WaitAsync(Eventually.DefaultTimeout);

        AssertInvariant(buffer, sampler);
    }

    [Fact]
    public async Task LiveInterval_Changed_SamplesAtTheNewRateAtOnceAndKeepsEveryReading()
    {
        var (sampler, buffer) = NewSampler(batchSize: 5, maxAge: TimeSpan.FromHours(1), capacity: 10);
        sampler.Start(firstSequence: 1);
        _time.Advance(TimeSpan.FromMilliseconds(72));
        await sampler.SampleDueAsync(CancellationToken.None);
        Assert.Equal(8, _counters.Sampled);
        Assert.Equal(3, sampler.OpenReadings);

        Apply(s => s with { SamplingInterval = TimeSpan.FromMilliseconds(100) }, version: 1);
        await sampler.SampleDueAsync(CancellationToken.None);
        Assert.Equal(8, _counters.Sampled);
        Assert.Equal(3, sampler.OpenReadings);

        // From 72 ms: readings at 100, 200, ..., 1,000 ms, not 93 more at the old rate.
        _time.Advance(TimeSpan.FromMilliseconds(928));
        await sampler.SampleDueAsync(CancellationToken.None);

        Assert.Equal(18, _counters.Sampled);
        Assert.Equal(18, Held(buffer, sampler));
        AssertInvariant(buffer, sampler);

        // The open readings kept their times: 50, 60, 70 ms, then the new schedule's 100 and 200 ms.
        buffer.TryTakePending();
        var second = buffer.TryTakePending()!;
        var deltas = second.Readings.Zip(second.Readings.Skip(1), (a, b) => b.TimestampMicros - a.TimestampMicros);
        Assert.Equal([10_000L, 10_000L, 30_000L, 100_000L], deltas);
    }

    [Fact]
    public async Task LiveSamplingInterval_ChangedWhenAReadingIsDueExactlyNow_NeverRepeatsATimestamp()
    {
        var (sampler, buffer) = NewSampler(batchSize: 1000, maxAge: TimeSpan.FromHours(1), capacity: 10);
        sampler.Start(firstSequence: 1);

        // 12:00:00.100 is a multiple of both 10 ms and 50 ms: the reading due now is taken under the old interval.
        _time.Advance(TimeSpan.FromMilliseconds(100));
        await sampler.SampleDueAsync(CancellationToken.None);
        Apply(s => s with { SamplingInterval = TimeSpan.FromMilliseconds(50) }, version: 1);
        await sampler.SampleDueAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(100));
        await sampler.SampleDueAsync(CancellationToken.None);
        await sampler.FlushAsync(CancellationToken.None);

        var times = buffer.TryTakePending()!.Readings.Select(r => r.TimestampMicros).ToList();
        Assert.Equal(times.Count, times.Distinct().Count());
        Assert.Equal([10_000L, 50_000L, 50_000L], times.Skip(9).Zip(times.Skip(10), (a, b) => b - a));
        AssertInvariant(buffer, sampler);
    }

    [Fact]
    public async Task LiveBatchSize_SmallerThanTheOpenBatch_SealsItAtOnce()
    {
        var (sampler, buffer) = NewSampler(batchSize: 100, maxAge: TimeSpan.FromHours(1), capacity: 10);
        sampler.Start(firstSequence: 1);
        _time.Advance(TimeSpan.FromMilliseconds(50));
        await sampler.SampleDueAsync(CancellationToken.None);
        Assert.Empty(buffer.Sequences);

        Apply(s => s with { BatchSize = 5 }, version: 1);
        await sampler.SampleDueAsync(CancellationToken.None);

        Assert.Equal([1UL], buffer.Sequences);
        Assert.Equal(0, sampler.OpenReadings);

        // Later batches are sealed at the new size.
        _time.Advance(TimeSpan.FromMilliseconds(50));
        await sampler.SampleDueAsync(CancellationToken.None);
        Assert.Equal([1UL, 2UL], buffer.Sequences);
        Assert.Equal([6, 5], [buffer.TryTakePending()!.Count, buffer.TryTakePending()!.Count]);
        AssertInvariant(buffer, sampler);
    }

    [Fact]
    public async Task Pause_SealsTheOpenBatchAndStopsSampling_ResumeRestartsFromNow()
    {
        var (sampler, buffer) = NewSampler(batchSize: 100, maxAge: TimeSpan.FromHours(1), capacity: 10);
        sampler.Start(firstSequence: 1);
        _time.Advance(TimeSpan.FromMilliseconds(50));
        await sampler.SampleDueAsync(CancellationToken.None);

        _live.Pause();
        await sampler.SampleDueAsync(CancellationToken.None);
        Assert.False(sampler.IsSampling);
        Assert.Equal([1UL], buffer.Sequences);
        Assert.Equal(0, sampler.OpenReadings);

        _time.Advance(TimeSpan.FromSeconds(1));
        await sampler.SampleDueAsync(CancellationToken.None);
        Assert.Equal(6, _counters.Sampled);

        _live.Resume();
        await sampler.SampleDueAsync(CancellationToken.None);
        Assert.True(sampler.IsSampling);
        _time.Advance(TimeSpan.FromMilliseconds(20));
        await sampler.SampleDueAsync(CancellationToken.None);

        // Readings at 1,050, 1,060 and 1,070 ms; the second of pause was never sampled, so nothing is dropped.
        Assert.Equal(9, _counters.Sampled);
        Assert.Equal(0, _counters.Dropped);
        AssertInvariant(buffer, sampler);
    }

    [Fact]
    public async Task LiveEnabled_False_SealsTheOpenBatchAndStopsSampling_TrueRestartsIt()
    {
        var (sampler, buffer) = NewSampler(batchSize: 100, maxAge: TimeSpan.FromHours(1), capacity: 10);
        sampler.Start(firstSequence: 1);
        _time.Advance(TimeSpan.FromMilliseconds(50));
        await sampler.SampleDueAsync(CancellationToken.None);

        Apply(s => s with { Enabled = false }, version: 1);
        await sampler.SampleDueAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(1));
        await sampler.SampleDueAsync(CancellationToken.None);
        Assert.False(sampler.IsSampling);
        Assert.Equal([1UL], buffer.Sequences);
        Assert.Equal(6, _counters.Sampled);

        Apply(s => s with { Enabled = true }, version: 2);
        await sampler.SampleDueAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(20));
        await sampler.SampleDueAsync(CancellationToken.None);

        Assert.True(sampler.IsSampling);
        Assert.Equal(9, _counters.Sampled);
        AssertInvariant(buffer, sampler);
    }

    [Fact]
    public async Task FlushRequest_SealsTheOpenBatchAndSamplingGoesOn()
    {
        var (sampler, buffer) = NewSampler(batchSize: 100, maxAge: TimeSpan.FromHours(1), capacity: 10);
        sampler.Start(firstSequence: 1);
        _time.Advance(TimeSpan.FromMilliseconds(50));
        await sampler.SampleDueAsync(CancellationToken.None);

        _live.RequestFlush();
        await sampler.SampleDueAsync(CancellationToken.None);
        Assert.Equal([1UL], buffer.Sequences);
        Assert.Equal(0, sampler.OpenReadings);

        _time.Advance(TimeSpan.FromMilliseconds(10));
        await sampler.SampleDueAsync(CancellationToken.None);
        Assert.Equal(1, sampler.OpenReadings);
        Assert.Equal([1UL], buffer.Sequences);
        AssertInvariant(buffer, sampler);
    }

    [Fact]
    public async Task Run_IntervalChanged_WakesAtOnceAndTheTimerFollowsTheNewInterval()
    {
        var (sampler, buffer) = NewSampler(batchSize: 1000, maxAge: TimeSpan.FromHours(1), capacity: 10, interval: TimeSpan.FromHours(1));
        sampler.Start(firstSequence: 1);
        using var stop = new CancellationTokenSource();
        var running = sampler.RunAsync(stop.Token);

        // Without the change the loop would sleep for an hour.
        Apply(s => s with { SamplingInterval = TimeSpan.FromMilliseconds(10) }, version: 1);
        await Eventually.UntilAsync(() => _counters.Sampled >= 20, step: () => _time.Advance(Sampler.MinimumTick));
        await stop.CancelAsync();
        await running.WaitAsync(Eventually.DefaultTimeout);

        AssertInvariant(buffer, sampler);
    }

    private (Sampler Sampler, UnackedBuffer Buffer) NewSampler(int batchSize, TimeSpan maxAge, int capacity, TimeSpan? interval = null)
    {
        _live = new LiveConfiguration(
            TestSettings.Default with { SamplingInterval = interval ?? Interval, BatchSize = batchSize, BatchMaxAge = maxAge });
        var buffer = new UnackedBuffer(capacity, BufferFullPolicy.Block, _counters);
        var sampler = new Sampler(_live, buffer, new SignalGenerator(SignalProfiles.Temperature, seed: 1), _counters, _time);
        return (sampler, buffer);
    }

    private void Apply(Func<SensorConfigValues, SensorConfigValues> change, ulong version) =>
        Assert.True(_live.Apply(change(_live.Settings), version, $"hash-{version}"));

    /// <summary>Readings held in the buffer (as sealed batches) and in the open batch.</summary>
    private static long Held(UnackedBuffer buffer, Sampler sampler)
    {
        buffer.ReturnInFlightToPending();
        var buffered = 0L;
        while (buffer.TryTakePending() is { } batch)
        {
            buffered += batch.Count;
        }

        buffer.ReturnInFlightToPending();
        return buffered + sampler.OpenReadings;
    }

    /// <summary>Every reading sampled is acked, dropped or unacked, and the unacked ones are really held.</summary>
    private void AssertInvariant(UnackedBuffer buffer, Sampler sampler)
    {
        Assert.Equal(_counters.Sampled, _counters.Acked + _counters.Dropped + _counters.Unacked);
        Assert.Equal(_counters.Unacked, Held(buffer, sampler));
    }
}
