using Grpc.Core;
using Ingest.Protocol.V1;
using Ingest.SensorSimulator.Control;
using Ingest.SensorSimulator.Fleet;
using Ingest.SensorSimulator.Model;
using Ingest.SensorSimulator.Monitoring;
using Ingest.SensorSimulator.Resilience;
using Ingest.SensorSimulator.Sampling;
using Ingest.SensorSimulator.Sensors;
using Ingest.SensorSimulator.Settings;
using Ingest.SensorSimulator.Spool;
using Ingest.SensorSimulator.Tests.Infrastructure;
using Ingest.SensorSimulator.Uploading;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Ingest.SensorSimulator.Tests.Sensors;

public sealed class SimulatedSensorTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly FakeCollector _collector = new();
    private readonly FakeControlServer _control = new();
    private readonly ListLogger<FleetMonitor> _fleetLog = new();
    private FleetMonitor? _monitor;
    private readonly SimulatorOptions _options = new()
    {
        Sensors = 1,
        BatchSize = 10,
        BatchMaxAge = TimeSpan.FromMilliseconds(200),
        UploadWindowBatches = 5,
        UploadWindowDuration = TimeSpan.FromSeconds(1),
    };

    [Fact]
    public async Task Run_ResumesAfterTheCommittedSequenceAndFlushesEverythingOnStop()
    {
        _collector.Committed = 3;
        var sensor = CreateSensor();
        using var stop = new CancellationTokenSource();

        var running = sensor.RunAsync(stop.Token);
        await Eventually.UntilAsync(() => sensor.Counters.Acked >= 300, step: () => _time.Advance(Sampler.MinimumTick));
        await stop.CancelAsync();
        await Eventually.CompletesAsync(running, () => _time.Advance(Sampler.MinimumTick));

        var counters = sensor.Counters;
        Assert.Equal(counters.Sampled, counters.Acked);
        Assert.Equal(0, counters.Unacked);
        Assert.Equal(0, counters.Dropped);
        Assert.Equal(4UL, _collector.Stored.Keys.Min());
        Assert.Equal(counters.LastSequence, _collector.Stored.Keys.Max());
        Assert.Equal(counters.LastSequence - 3, (ulong)_collector.Stored.Count);
        Assert.Equal(counters.Acked, _collector.Stored.Values.Sum());
        Assert.Equal(counters.LastSequence, counters.AckedSequence);
    }

    [Fact]
    public async Task Run_WithASpoolAnEarlierProcessLeftBatchesIn_SettlesOrResendsThemWithTheirSequences_AndNumbersNewOnesAfter()
    {
        using var directory = new TempDirectory("sensor-spool");
        var spoolOptions = new SpoolOptions { Path = directory.Path, MaxMegabytes = 16, SegmentMegabytes = 1 };
        const string id = "sim-temperature-0001";

        // The earlier process sealed 1..6 and crashed; the collector stored 1..2 and recorded 3 as rejected.
        await using (var earlier = await SensorSpool.OpenAsync(spoolOptions, TimeProvider.System, NullLogger.Instance, CancellationToken.None))
        {
            for (ulong sequence = 1; sequence <= 6; sequence++)
            {
                await earlier.AppendAsync(id, TestBatches.Create(sequence), CancellationToken.None);
            }
        }

        _collector.Hold(1, 10);
        _collector.Hold(2, 10);
        _collector.Reject.Add(3);
        _collector.Committed = 2;
        await new CollectorClient(_collector, _time).OpenUpload(SensorIdentity.Create(_options, 1), 0, TimeSpan.FromSeconds(5), CancellationToken.None)
            .WriteAsync(TestBatches.Create(3), CancellationToken.None);
        var holder = new SpoolHolder();
        holder.Set(await SensorSpool.OpenAsync(spoolOptions, TimeProvider.System, NullLogger.Instance, CancellationToken.None));
        await using var spool = holder.Spool!;
        var sensor = CreateSensor(spool: holder);
        using var stop = new CancellationTokenSource();

        var running = sensor.RunAsync(stop.Token);
        await Eventually.UntilAsync(() => sensor.Counters.Acked >= 100, step: () => _time.Advance(Sampler.MinimumTick));
        await stop.CancelAsync();
        await Eventually.CompletesAsync(running, () => _time.Advance(Sampler.MinimumTick));

        var counters = sensor.Counters;
        Assert.Equal(1UL, _collector.Greetings[0].FirstUnsettledSequence);
        Assert.Equal(60, counters.Recovered);
        Assert.Equal(10, counters.Rejected);
        Assert.Equal(0, counters.Unacked);
        Assert.Equal(counters.Sampled, counters.Acked + counters.Rejected);
        Assert.Equal(1UL, counters.FirstSequence);
        Assert.Equal([4UL, 5UL, 6UL], _collector.Received.Where(s => s is >= 4 and <= 6).Order());
        Assert.Equal(7UL, _collector.Received.Where(s => s > 6).Min());
        Assert.Equal(counters.Acked, _collector.Stored.Values.Sum());
        Assert.Empty(spool.TakeRecovered(id).Unsettled);
    }

    [Fact]
    public async Task Run_WithACountOnlySpoolAnEarlierProcessLeftBatchesIn_CountsEachAsTheCollectorSaysAndNumbersNewOnesAfter()
    {
        using var directory = new TempDirectory("sensor-spool");
        var spoolOptions = new SpoolOptions { Path = directory.Path, KeepReadings = false, MaxMegabytes = 16, SegmentMegabytes = 1 };
        const string id = "sim-temperature-0001";

        // The earlier process sealed 1..6 keeping only their counts, and crashed; the collector stored 1..2 and rejected 3.
        await using (var earlier = await SensorSpool.OpenAsync(spoolOptions, TimeProvider.System, NullLogger.Instance, CancellationToken.None))
        {
            for (ulong sequence = 1; sequence <= 6; sequence++)
            {
                await earlier.AppendAsync(id, TestBatches.Create(sequence), CancellationToken.None);
            }
        }

        _collector.Hold(1, 10);
        _collector.Hold(2, 10);
        _collector.HoldRejected(3);
        var holder = new SpoolHolder();
        holder.Set(await SensorSpool.OpenAsync(spoolOptions, TimeProvider.System, NullLogger.Instance, CancellationToken.None));
        var sensor = CreateSensor(spool: holder);
        var counters = sensor.Counters;
        using var stop = new CancellationTokenSource();

        var running = sensor.RunAsync(stop.Token);

        // The first greeting settles all six, before any new batch is acknowledged.
        await Eventually.UntilAsync(() => counters.Lost == 30, "the unkept batches are settled");
        Assert.Equal((20, 10), (counters.Acked, counters.Rejected));
        Assert.Equal(counters.Sampled, counters.Acked + counters.Rejected + counters.Dropped + counters.Lost + counters.Unacked);

        await Eventually.UntilAsync(() => counters.Acked >= 100, step: () => _time.Advance(Sampler.MinimumTick));
        await stop.CancelAsync();
        await Eventually.CompletesAsync(running, () => _time.Advance(Sampler.MinimumTick));
        await holder.Spool!.DisposeAsync();

        var first = _collector.Greetings[0];
        Assert.Equal((1UL, 6UL), (first.FirstUnsettledSequence, first.LostThroughSequence));
        Assert.Equal(60, counters.Recovered);
        Assert.Equal((10, 30, 0L, 0L), (counters.Rejected, counters.Lost, counters.Dropped, counters.Unacked));
        Assert.Equal(counters.Sampled, counters.Acked + counters.Rejected + counters.Lost);
        Assert.Equal(1UL, counters.FirstSequence);
        Assert.DoesNotContain(_collector.Received, s => s <= 6);
        Assert.Equal(7UL, _collector.Received.Min());
        Assert.Equal(counters.Acked, _collector.Stored.Values.Sum());

        // Every batch is settled in the spool: the next process has nothing to report.
        await using var next = await SensorSpool.OpenAsync(spoolOptions, TimeProvider.System, NullLogger.Instance, CancellationToken.None);
        var recovered = next.TakeRecovered(id);
        Assert.Empty(recovered.Unkept);
        Assert.Equal(counters.LastSequence, recovered.HighestSequence);
    }

    [Fact]
    public async Task Run_KeyRefused_StopsTheSensorOnceWithTheReasonAndCountsIt()
    {
        _collector.GreetFailures.Enqueue(new RpcException(new Status(StatusCode.PermissionDenied, "the key 'lab' is not bound to sim-temperature-0001")));
        var sensor = CreateSensor();
        using var stop = new CancellationTokenSource();

        await Eventually.CompletesAsync(sensor.RunAsync(stop.Token));

        Assert.True(sensor.Snapshot().KeyRefused);
        Assert.Equal(1, _collector.Greets);
        Assert.Equal(0, sensor.Counters.Retries);
        Assert.Equal(0, sensor.Counters.Sampled);
        var refused = Assert.Single(_fleetLog.Entries, entry => entry.Level >= LogLevel.Warning);
        Assert.Contains("the key 'lab' is not bound to sim-temperature-0001", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Simulator:ApiKey", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, _monitor!.KeyRefusedSensors);
        Assert.Equal(1, global::Ingest.SensorSimulator.Reporting.FleetTotals.Of([sensor.Snapshot()]).KeyRefusedSensors);
    }

    [Fact]
    public async Task Run_KeyRefusedMidRun_StopsSamplingWithoutAFinalGreetingAndSaysSoOnce()
    {
        var sensorLog = new ListLogger<SimulatedSensor>();
        var sensor = CreateSensor(logger: sensorLog);
        using var stop = new CancellationTokenSource();
        var running = sensor.RunAsync(stop.Token);
        await Eventually.UntilAsync(() => sensor.Counters.Acked >= 50, step: () => _time.Advance(Sampler.MinimumTick));
        Assert.Equal(1, _monitor!.ConnectedSensors);
        var greetsBefore = _collector.Greets;

        _collector.RefuseUploads = new RpcException(new Status(StatusCode.PermissionDenied, "the key 'lab' may no longer send"));

        // The sensor stops by itself, without being told to: no retry fixes a key.
        await Eventually.CompletesAsync(running, () => _time.Advance(Sampler.MinimumTick));
        var sampledAtStop = sensor.Counters.Sampled;
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(sampledAtStop, sensor.Counters.Sampled);
        Assert.True(sensor.Snapshot().KeyRefused);
        Assert.Equal(greetsBefore, _collector.Greets);
        Assert.Equal(0, _monitor.ConnectedSensors);
        Assert.Equal(1, _monitor.KeyRefusedSensors);
        var refused = Assert.Single(_fleetLog.Entries.Concat(sensorLog.Entries), entry => entry.Level >= LogLevel.Warning);
        Assert.Contains("may no longer send", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_CollectorFailsMidRun_LedgerStaysExactAfterRecovery()
    {
        var sensor = CreateSensor();
        using var stop = new CancellationTokenSource();

        var running = sensor.RunAsync(stop.Token);
        await Eventually.UntilAsync(() => sensor.Counters.Acked >= 100, step: () => _time.Advance(Sampler.MinimumTick));
        _collector.LoseNextAck = true;
        _collector.GreetFailures.Enqueue(new RpcException(new Status(StatusCode.Unavailable, "restarting")));
        var retriesBefore = sensor.Counters.Retries;
        await Eventually.UntilAsync(
            () => sensor.Counters.Retries >= retriesBefore + 2 && sensor.Counters.Acked >= 400,
            step: () => _time.Advance(Sampler.MinimumTick));
        await stop.CancelAsync();
        await Eventually.CompletesAsync(running, () => _time.Advance(Sampler.MinimumTick));

        var counters = sensor.Counters;
        Assert.Equal(counters.Sampled, counters.Acked);
        Assert.Equal(0, counters.Unacked);
        Assert.Equal(counters.Acked, _collector.Stored.Values.Sum());
        Assert.Equal((int)counters.LastSequence, _collector.Stored.Count);
    }

    [Fact]
    public async Task Run_StoppedBeforeTheFirstGreeting_EndsWithoutSampling()
    {
        for (var i = 0; i < 100; i++)
        {
            _collector.GreetFailures.Enqueue(new RpcException(new Status(StatusCode.Unavailable, "down")));
        }

        var sensor = CreateSensor();
        using var stop = new CancellationTokenSource();
        var running = sensor.RunAsync(stop.Token);
        await Eventually.UntilAsync(() => sensor.Counters.Retries >= 1, step: () => _time.Advance(TimeSpan.FromMilliseconds(100)));

        await stop.CancelAsync();
        await Eventually.CompletesAsync(running);

        Assert.Equal(0, sensor.Counters.Sampled);
    }

    [Fact]
    public async Task Run_ControlDisabled_OpensNoControlStream()
    {
        var sensor = CreateSensor(control: false);
        using var stop = new CancellationTokenSource();

        var running = sensor.RunAsync(stop.Token);
        await Eventually.UntilAsync(() => sensor.Counters.Acked >= 50, step: () => _time.Advance(Sampler.MinimumTick));
        await stop.CancelAsync();
        await Eventually.CompletesAsync(running, () => _time.Advance(Sampler.MinimumTick));

        Assert.Empty(_control.Streams);
        Assert.Equal(0UL, sensor.Snapshot().ConfigVersion);
    }

    [Fact]
    public async Task Run_ConfigUpdate_AppliesLiveWithoutLosingReadingsAndEndsTheControlStreamAfterTheFlush()
    {
        var sensor = CreateSensor(control: true);
        using var stop = new CancellationTokenSource();
        var running = sensor.RunAsync(stop.Token);
        var stream = await _control.HelloAsync(1, step: () => _time.Advance(Sampler.MinimumTick));
        stream.SendWelcome(TimeSpan.FromMinutes(10));
        await Eventually.UntilAsync(() => sensor.Counters.Acked >= 50, step: () => _time.Advance(Sampler.MinimumTick));

        var config = TestConfigs.Valid();
        config.BatchSize = 4;
        config.BatchMaxAge = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromMinutes(1));
        stream.SendUpdate(1, "h1", config);
        await Eventually.UntilAsync(() => stream.ReceivedOf(m => m.ConfigAck).Count == 1, "the update is acknowledged");
        var sealedBefore = sensor.Counters.LastSequence;
        await Eventually.UntilAsync(
            () => sensor.Counters.LastSequence >= sealedBefore + 10, step: () => _time.Advance(Sampler.MinimumTick));
        await stop.CancelAsync();
        await Eventually.CompletesAsync(running, () => _time.Advance(Sampler.MinimumTick));

        var counters = sensor.Counters;
        Assert.True(stream.ReceivedOf(m => m.ConfigAck)[0].Applied);
        Assert.Equal(counters.Sampled, counters.Acked);
        Assert.Equal(counters.Acked, _collector.Stored.Values.Sum());
        Assert.All(
            _collector.Stored.Where(pair => pair.Key > sealedBefore + 1 && pair.Key < counters.LastSequence),
            pair => Assert.Equal(4, pair.Value));
        Assert.Equal(1UL, sensor.Snapshot().ConfigVersion);
        Assert.True(stream.RequestCompleted);
        Assert.False(stream.Cancelled);
    }

    private SimulatedSensor CreateSensor(bool control = false, ListLogger<SimulatedSensor>? logger = null, SpoolHolder? spool = null)
    {
        var options = Options.Create(_options);
        var monitor = _monitor = new FleetMonitor(options, _time, _fleetLog);
        var controlMonitor = new ControlMonitor(options, _time, NullLogger<ControlMonitor>.Instance);
        var controlClients = new ControlClientFactory(
            Options.Create(new ControlOptions { Enabled = control }),
            options,
            [new ControlConnector(_control, _time)],
            new ConfigValidator(Options.Create(new SensorLimitsOptions())),
            new ControlPipelineFactory(_time, controlMonitor, TestChaos.Off),
            controlMonitor,
            _time,
            NullLogger<ControlClient>.Instance);
        var factory = new SensorFactory(
            options,
            Options.Create(new FailoverOptions()),
            [new CollectorClient(_collector, _time)],
            new UploadPipelineFactory(_time, monitor, TestChaos.Off),
            monitor,
            controlClients,
            spool ?? new SpoolHolder(),
            _time,
            (Microsoft.Extensions.Logging.ILogger<SimulatedSensor>?)logger ?? NullLogger<SimulatedSensor>.Instance);
        return factory.Create(1);
    }
}
