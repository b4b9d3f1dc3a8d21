using Ingest.SensorSimulator.Buffering;
using Ingest.SensorSimulator.Configuration;
using Ingest.SensorSimulator.Model;
using Ingest.SensorSimulator.Monitoring;
using Ingest.SensorSimulator.Resilience;
using Ingest.SensorSimulator.Routing;
using Ingest.SensorSimulator.Settings;
using Ingest.SensorSimulator.Spool;
using Ingest.SensorSimulator.Tests.Infrastructure;
using Ingest.SensorSimulator.Uploading;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Ingest.SensorSimulator.Tests.Uploading;

/// <summary>An uploader with two collectors over one database, whose collector dies in the middle of a window.</summary>
public sealed class UploaderFailoverTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly FakeCollector _database = new();
    private readonly CollectorFront _a;
    private readonly CollectorFront _b;
    private readonly SensorCounters _counters = new();
    private readonly SimulatorOptions _options = new() { Sensors = 1, MaxUnackedBatches = 10 };
    private readonly UnackedBuffer _buffer;
    private readonly CollectorRoute _route;
    private readonly Uploader _uploader;

    public UploaderFailoverTests()
    {
        _a = new CollectorFront(_database, new FakeControlServer());
        _b = new CollectorFront(_database, new FakeControlServer());
        var sensor = SensorIdentity.Create(_options, 1);
        _buffer = new UnackedBuffer(_options.MaxUnackedBatches, BufferFullPolicy.Block, _counters);
        var monitor = new FleetMonitor(Options.Create(_options), _time, NullLogger<FleetMonitor>.Instance);
        var pipelines = new UploadPipelineFactory(_time, monitor, TestChaos.Off);
        _route = new CollectorRoute(
            sensor, ["http://a:5000", "http://b:5000"], new FailoverOptions { FailuresBeforeFailover = 3 }, _counters, _time, NullLogger.Instance);
        _uploader = new Uploader(
            sensor,
            _buffer,
            _counters,
            [new CollectorClient(_a, _time), new CollectorClient(_b, _time)],
            pipelines.Create(sensor, _counters),
            pipelines.GreetChaos,
            pipelines.UploadChaos,
            monitor,
            new LiveConfiguration(TestSettings.Default with { UploadWindowBatches = 10 }),
            _time,
            NullLogger.Instance,
            new UnkeptBatches(_counters, SensorSpoolLink.None(sensor.SensorId)),
            _route,
            [pipelines.CreateBreaker(), pipelines.CreateBreaker()]);
    }

    [Fact]
    public async Task Run_CollectorDiesMidWindow_FailsOverGreetsTheOtherAndSettlesWhatWasStoredWithoutResendingIt()
    {
        await _uploader.GreetFirstAsync(CancellationToken.None);
        for (ulong sequence = 1; sequence <= 6; sequence++)
        {
            var batch = TestBatches.Create(sequence);
            _counters.AddSampled(batch.Count);
            await _buffer.AddAsync(batch, CancellationToken.None);
        }

        _buffer.CompleteAdding();

        // Batches 1..3 reach the database, then the connection to A is cut before the acknowledgement; A stays down.
        _database.CutNextStreamAtWrite = 4;
        var running = _uploader.RunAsync(CancellationToken.None);
        await Eventually.UntilAsync(() => _counters.Retries == 1, "the cut window fails");
        _a.Stop();
        await Eventually.CompletesAsync(running, () => _time.Advance(Step));

        Assert.Equal(1, _route.Current);
        Assert.Equal(1, _counters.Failovers);
        Assert.Equal((1, 1), (_b.Greets, _b.Uploads));
        Assert.Equal(1UL, _database.Greetings[^1].FirstUnsettledSequence);
        Assert.Equal([1UL, 2, 3, 4, 5, 6], _database.Received);
        Assert.Equal([1UL, 2, 3, 4, 5, 6], _database.Stored.Keys.Order().ToArray());
        Assert.Equal((60L, 0L), (_counters.Acked, _counters.Unacked));
        Assert.Equal(0, _buffer.Count);
    }
}
