using Grpc.Core;
using Ingest.SensorSimulator.Buffering;
using Ingest.SensorSimulator.Configuration;
using Ingest.SensorSimulator.Model;
using Ingest.SensorSimulator.Monitoring;
using Ingest.SensorSimulator.Resilience;
using Ingest.SensorSimulator.Settings;
using Ingest.SensorSimulator.Spool;
using Ingest.SensorSimulator.Tests.Infrastructure;
using Ingest.SensorSimulator.Uploading;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Ingest.SensorSimulator.Tests.Uploading;

public sealed class UploaderTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly FakeCollector _collector = new();
    private readonly SensorCounters _counters = new();
    private readonly SimulatorOptions _options = new() { Sensors = 1, UploadWindowBatches = 2, MaxUnackedBatches = 10 };
    private readonly LiveConfiguration _live = new(TestSettings.Default with { UploadWindowBatches = 2 });
    private readonly SensorIdentity _sensor;
    private readonly UnackedBuffer _buffer;
    private readonly UnkeptBatches _unkept;
    private readonly Uploader _uploader;

    public UploaderTests()
    {
        _sensor = SensorIdentity.Create(_options, 1);
        _buffer = new UnackedBuffer(_options.MaxUnackedBatches, BufferFullPolicy.Block, _counters);
        _unkept = new UnkeptBatches(_counters, SensorSpoolLink.None(_sensor.SensorId));
        var monitor = new FleetMonitor(Options.Create(_options), _time, NullLogger<FleetMonitor>.Instance);

        // No backoff, so that retries need no time to pass.
        var pipelines = new UploadPipelineFactory(_time, monitor, new RetryDelayPolicy(TimeSpan.Zero, TimeSpan.Zero), TestChaos.Off);
        _uploader = new Uploader(
            _sensor,
            _buffer,
            _counters,
            [new CollectorClient(_collector, _time)],
            pipelines.Create(_sensor, _counters),
            pipelines.GreetChaos,
            pipelines.UploadChaos,
            monitor,
            _live,
            _time,
            NullLogger.Instance,
            _unkept);
    }

    [Fact]
    public async Task GreetFirst_ReturnsWhereTheCollectorSaysToResume()
    {
        _collector.Committed = 41;

        var greeting = await _uploader.GreetFirstAsync(CancellationToken.None);

        Assert.Equal(41UL, greeting.CommittedSequence);
        Assert.Equal(41UL, _counters.AckedSequence);
    }

    [Fact]
    public async Task GreetFirst_RetriesUntilTheCollectorAnswers()
    {
        _collector.GreetFailures.Enqueue(new RpcException(new Status(StatusCode.Unavailable, "starting")));

        await _uploader.GreetFirstAsync(CancellationToken.None);

        Assert.Equal(2, _collector.Greets);
        Assert.Equal(1, _counters.Retries);
    }

    [Theory]
    [InlineData(StatusCode.PermissionDenied)]
    [InlineData(StatusCode.Unauthenticated)]
    public async Task GreetFirst_KeyRefused_IsNotRetried(StatusCode status)
    {
        _collector.GreetFailures.Enqueue(new RpcException(new Status(status, "the key is not bound to sim-temperature-0001")));

        var refused = await Assert.ThrowsAsync<RpcException>(() => _uploader.GreetFirstAsync(CancellationToken.None));

        Assert.Equal(status, refused.StatusCode);
        Assert.Equal(1, _collector.Greets);
        Assert.Equal(0, _counters.Retries);
    }

    [Fact]
    public async Task GreetFirst_AnsweredAsAViewersHandshake_IsAKeyRefusalAndNotRetried()
    {
        _collector.DesiredConfigVersion = 0;

        var error = await Assert.ThrowsAsync<RpcException>(() => _uploader.GreetFirstAsync(CancellationToken.None));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains("the key is not a sensor key", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(1, _collector.Greets);
    }

    [Fact]
    public async Task GreetFirst_UnkeptBatches_ReportsThemLostAndSettlesEachAsTheCollectorSays()
    {
        _collector.Hold(1, 10);
        _collector.HoldRejected(2);
        RestoreUnkept(1, 4);

        var greeting = await _uploader.GreetFirstAsync(CancellationToken.None);

        var request = Assert.Single(_collector.Greetings);
        Assert.Equal((1UL, 4UL), (request.FirstUnsettledSequence, request.LostThroughSequence));
        Assert.Equal(4UL, greeting.CommittedSequence);
        Assert.Equal(0, _unkept.Count);
        Assert.Empty(_collector.Received);
        AssertLedger(acked: 10, dropped: 0, rejected: 10, lost: 20);
        Assert.Equal(0, _counters.Unacked);
    }

    [Fact]
    public async Task GreetFirst_OutcomesStopShortOfTheUnkeptBatches_GreetsAgainForTheRest()
    {
        _collector.OutcomesListed = 1;
        _collector.HoldRejected(1);
        _collector.HoldRejected(2);
        _collector.HoldRejected(3);
        RestoreUnkept(1, 5);

        await _uploader.GreetFirstAsync(CancellationToken.None);

        Assert.Equal([1UL, 2, 3, 4], _collector.Greetings.Select(g => g.FirstUnsettledSequence));
        Assert.All(_collector.Greetings, g => Assert.Equal(5UL, g.LostThroughSequence));
        Assert.Equal(0, _unkept.Count);
        AssertLedger(acked: 0, dropped: 0, rejected: 30, lost: 20);
        Assert.Equal(0, _counters.Unacked);
    }

    [Fact]
    public async Task SettleWithFinalGreet_UnkeptBatchesNoGreetingReached_ReportsThemLost()
    {
        RestoreUnkept(1, 3);

        await _uploader.SettleWithFinalGreetAsync();

        var request = Assert.Single(_collector.Greetings);
        Assert.Equal((1UL, 3UL), (request.FirstUnsettledSequence, request.LostThroughSequence));
        AssertLedger(acked: 0, dropped: 0, lost: 30);
        Assert.Equal(0, _counters.Unacked);
    }

    [Fact]
    public async Task Run_UploadsEveryBatchInWindowsAndAcksThemAll()
    {
        await FillAsync(5);

        await RunToEndAsync();

        Assert.Equal([1UL, 2UL, 3UL, 4UL, 5UL], _collector.Received);
        Assert.Equal(3, _collector.Streams);
        Assert.All(_collector.UploadHeaders, headers => Assert.Equal("1", headers.GetValue("ingest-protocol-version")));
        Assert.Equal(5, _counters.BatchesSent);
        Assert.Equal(5UL, _counters.AckedSequence);
        AssertLedger(acked: 50, dropped: 0);
    }

    [Fact]
    public async Task Run_WindowSizeChangedLive_NextWindowUsesIt()
    {
        await FillAsync(5);
        Assert.True(_live.Apply(_live.Settings with { UploadWindowBatches = 1 }, 1, "one"));

        await RunToEndAsync();

        Assert.Equal([1UL, 2UL, 3UL, 4UL, 5UL], _collector.Received);
        Assert.Equal(5, _collector.Streams);
        AssertLedger(acked: 50, dropped: 0);
    }

    [Fact]
    public async Task Run_AckLost_SettlesByGreetingWithoutStoringTwice()
    {
        await FillAsync(5);
        _collector.LoseNextAck = true;

        await RunToEndAsync();

        Assert.Equal([1UL, 2UL, 3UL, 4UL, 5UL], _collector.Received);
        Assert.Equal(5, _collector.Stored.Count);
        Assert.Equal(1, _counters.Retries);
        AssertLedger(acked: 50, dropped: 0);
    }

    [Fact]
    public async Task Run_GreetingSettlesEveryPendingBatch_OpensNoStreamWithoutABatch()
    {
        await FillAsync(2);
        _collector.LoseNextAck = true;

        await RunToEndAsync();

        // One window held both batches; the retry's greeting settled them: a second stream would have sent nothing,
        // and the collector ends such a stream after Collector:Ingestion:FirstBatchTimeout.
        Assert.Equal(1, _collector.Streams);
        AssertLedger(acked: 20, dropped: 0);
    }

    [Fact]
    public async Task Run_StreamCutMidway_ResendsOnlyWhatIsMissingInOrder()
    {
        _live.Apply(_live.Settings with { UploadWindowBatches = 3 }, 1, "three");
        await FillAsync(5);
        _collector.CutNextStreamAtWrite = 2;

        await RunToEndAsync();

        Assert.Equal([1UL, 2UL, 3UL, 4UL, 5UL], _collector.Received);
        Assert.Equal([1UL, 2UL, 3UL, 4UL, 5UL], _collector.Stored.Keys.Order());
        Assert.Equal(1, _counters.Retries);
        AssertLedger(acked: 50, dropped: 0);
    }

    [Fact]
    public async Task Run_RejectedBatch_CountsAsRejectedNotDropped()
    {
        await FillAsync(4);
        _collector.Reject.Add(3);

        await RunToEndAsync();

        Assert.Equal(4UL, _counters.AckedSequence);
        AssertLedger(acked: 30, dropped: 0, rejected: 10);
    }

    [Fact]
    public async Task Run_AckLostForARejectedBatch_TheGreetingTellsItWasRejected_NotStored()
    {
        await FillAsync(3);
        _collector.Reject.Add(2);
        _collector.LoseNextAck = true;

        await RunToEndAsync();

        Assert.Equal(2, _collector.Greets);
        Assert.Equal(1UL, _collector.Greetings[1].FirstUnsettledSequence);
        Assert.Equal([1UL, 3UL], _collector.Stored.Keys.Order());
        AssertLedger(acked: 20, dropped: 0, rejected: 10);
    }

    [Fact]
    public async Task Run_SentBatchStoredMeanwhileWithAnotherProcesssReadings_CountsAsRejectedNotAcked()
    {
        await FillAsync(3);
        _buffer.TryTakePending();
        _buffer.TryTakePending();
        _buffer.TryTakePending();
        _buffer.ReturnInFlightToPending();

        // 1..3 went out on a stream that failed; meanwhile another process of the sensor got its own 2 stored.
        _collector.Hold(1, 10, TestBatches.Create(1).Checksum());
        _collector.Hold(2, 10, TestBatches.Create(2, readings: 7).Checksum());
        await RunToEndAsync();

        Assert.Equal([1UL, 2UL, 3UL], _collector.Greetings[0].Held.Select(h => h.Sequence));
        Assert.Equal([3UL], _collector.Received);
        AssertLedger(acked: 20, dropped: 0, rejected: 10);
    }

    [Fact]
    public async Task Run_BatchesOfTheSessionBeforeAGreeting_AreFencedAndResentInTheNewSession()
    {
        await FillAsync(3);
        await _uploader.GreetFirstAsync(CancellationToken.None);

        // Another greeting (a restarted process of the same sensor, say) supersedes this uploader's session.
        await new CollectorClient(_collector, TimeProvider.System).GreetAsync(_sensor, 0, 0, [], TimeSpan.FromSeconds(5), CancellationToken.None);
        await RunToEndAsync();

        Assert.Equal(1, _collector.Fenced);
        Assert.Equal([1UL, 2UL, 3UL], _collector.Stored.Keys.Order());
        AssertLedger(acked: 30, dropped: 0);
    }

    [Fact]
    public async Task Run_CollectorAlreadyHoldsSomeBatches_CountsThemAsDuplicatesAcked()
    {
        await FillAsync(3);
        _collector.Hold(1, 10);
        _collector.Hold(2, 10);

        await RunToEndAsync();

        // Resent, 1 and 2 are duplicates of the very readings held: acknowledged, and held once.
        Assert.Equal([1UL, 2UL, 3UL], _collector.Received);
        Assert.Equal([1UL, 2UL, 3UL], _collector.Stored.Keys.Order());
        AssertLedger(acked: 30, dropped: 0);
    }

    [Fact]
    public async Task SettleWithFinalGreet_SettlesSentBatchesTheCollectorStored()
    {
        await FillAsync(2);
        _buffer.TryTakePending();
        _buffer.TryTakePending();
        _buffer.ReturnInFlightToPending();
        _collector.Committed = 1;

        await _uploader.SettleWithFinalGreetAsync();

        Assert.Equal([2UL], _buffer.Sequences);
        Assert.Equal(10, _counters.Acked);
        Assert.Equal(10, _counters.Unacked);
    }

    [Fact]
    public async Task Run_CancelledByTheFlushDeadline_StopsAndKeepsBatchesUnacked()
    {
        await FillAsync(2);
        _collector.GreetFailures.Enqueue(new RpcException(new Status(StatusCode.Unavailable, "down")));
        using var deadline = new CancellationTokenSource();
        await deadline.CancelAsync();

        await _uploader.RunAsync(deadline.Token);

        AssertLedger(acked: 0, dropped: 0);
        Assert.Equal(20, _counters.Unacked);
    }

    private async Task FillAsync(int batches)
    {
        for (ulong sequence = 1; sequence <= (ulong)batches; sequence++)
        {
            var batch = TestBatches.Create(sequence);
            _counters.AddSampled(batch.Count);
            await _buffer.AddAsync(batch, CancellationToken.None);
        }
    }

    /// <summary>Takes over sequences <paramref name="first"/>..<paramref name="last"/> of 10 readings each as an earlier process's unkept batches.</summary>
    private void RestoreUnkept(ulong first, ulong last)
    {
        var batches = new List<(ulong Sequence, int ReadingCount)>();
        for (var sequence = first; sequence <= last; sequence++)
        {
            batches.Add((sequence, 10));
            _counters.AddRecovered(10);
        }

        _unkept.Restore(batches);
    }

    private async Task RunToEndAsync()
    {
        _buffer.CompleteAdding();
        await _uploader.RunAsync(CancellationToken.None).WaitAsync(Eventually.DefaultTimeout);
        Assert.Equal(0, _buffer.Count);
    }

    private void AssertLedger(long acked, long dropped, long rejected = 0, long lost = 0)
    {
        Assert.Equal(acked, _counters.Acked);
        Assert.Equal(dropped, _counters.Dropped);
        Assert.Equal(rejected, _counters.Rejected);
        Assert.Equal(lost, _counters.Lost);
        Assert.Equal(_counters.Sampled, _counters.Acked + _counters.Rejected + _counters.Dropped + _counters.Lost + _counters.Unacked);
    }
}
