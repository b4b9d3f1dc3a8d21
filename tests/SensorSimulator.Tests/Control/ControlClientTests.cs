using Grpc.Core;
using Ingest.Protocol;
using Ingest.Protocol.V1;
using Ingest.SensorSimulator.Buffering;
using Ingest.SensorSimulator.Configuration;
using Ingest.SensorSimulator.Control;
using Ingest.SensorSimulator.Model;
using Ingest.SensorSimulator.Monitoring;
using Ingest.SensorSimulator.Resilience;
using Ingest.SensorSimulator.Settings;
using Ingest.SensorSimulator.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Ingest.SensorSimulator.Tests.Control;

public sealed class ControlClientTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly FakeControlServer _server = new();
    private readonly SimulatorOptions _options = new() { Sensors = 1, MaxUnackedBatches = 10 };
    private readonly SensorCounters _counters = new();
    private readonly LiveConfiguration _live = new(TestSettings.Default);
    private readonly CancellationTokenSource _stop = new();
    private readonly SensorIdentity _sensor;
    private readonly ControlClient _client;
    private Task _running = Task.CompletedTask;

    public ControlClientTests()
    {
        _sensor = SensorIdentity.Create(_options, 1);
        var monitor = new ControlMonitor(Options.Create(_options), _time, NullLogger<ControlMonitor>.Instance);
        var buffer = new UnackedBuffer(_options.MaxUnackedBatches, BufferFullPolicy.Block, _counters);

        // No backoff of its own, so that a reconnect needs no time to pass unless the collector asks for it.
        var pipelines = new ControlPipelineFactory(_time, monitor, new RetryDelayPolicy(TimeSpan.Zero, TimeSpan.Zero), TestChaos.Off);
        _client = new ControlClient(
            _sensor,
            _live,
            [new ControlConnector(_server, _time)],
            new ConfigValidator(Options.Create(new SensorLimitsOptions())),
            new StatusSampler(_counters, buffer, _options.MaxUnackedBatches, _live, _time),
            pipelines,
            monitor,
            _time,
            NullLogger.Instance);
    }

    public Task InitializeAsync()
    {
        _running = _client.RunAsync(_stop.Token);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await Eventually.CompletesAsync(_running, () => _time.Advance(Step));
    }

    public void Dispose() => _stop.Dispose();

    [Fact]
    public async Task Connect_SaysHelloWithTheStartUpVersionAndTheProtocolVersion()
    {
        var stream = await _server.HelloAsync(1);

        var hello = stream.Received[0].Hello;
        Assert.Equal(_sensor.SensorId, hello.SensorId);
        Assert.Equal(_sensor.Kind, hello.Kind);
        Assert.Equal(0UL, hello.ConfigVersion);
        Assert.Equal("", hello.ConfigHash);
        Assert.Equal(WireProtocol.Version, hello.ProtocolVersion);
        Assert.Equal("1", stream.Headers.GetValue(WireProtocol.VersionHeader));
    }

    [Fact]
    public async Task ConfigUpdate_Valid_IsAppliedLiveAndAckedWithItsVersion()
    {
        var stream = await _server.HelloAsync(1);
        stream.SendWelcome(TimeSpan.FromSeconds(5));

        stream.SendUpdate(7, "h7", TestConfigs.Valid());
        var ack = await AckAsync(stream, 1);

        Assert.Equal(7UL, ack.Version);
        Assert.True(ack.Applied);
        Assert.Equal("", ack.Reason);
        Assert.Equal(7UL, _live.Current.Version);
        Assert.Equal("h7", _live.Current.Hash);
        Assert.Equal(TimeSpan.FromMilliseconds(20), _live.Settings.SamplingInterval);
        Assert.Equal(50, _live.Settings.BatchSize);
    }

    [Fact]
    public async Task ConfigUpdate_OverALimit_IsRejectedWithTheReasonAndTheLastGoodConfigurationStays()
    {
        var stream = await _server.HelloAsync(1);
        stream.SendWelcome(TimeSpan.FromSeconds(5));
        stream.SendUpdate(3, "h3", TestConfigs.Valid());
        await AckAsync(stream, 1);

        var tooBig = TestConfigs.Valid();
        tooBig.BatchSize = 20_000;
        tooBig.SamplingInterval = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromSeconds(1));
        stream.SendUpdate(4, "h4", tooBig);
        var ack = await AckAsync(stream, 2);

        Assert.Equal(4UL, ack.Version);
        Assert.False(ack.Applied);
        Assert.Equal("BatchSize 20000 is out of range: this sensor allows 1 to 10000", ack.Reason);
        Assert.Equal(3UL, _live.Current.Version);
        Assert.Equal(TimeSpan.FromMilliseconds(20), _live.Settings.SamplingInterval);
        Assert.Equal(50, _live.Settings.BatchSize);

        // The version reported stays the last one applied.
        stream.Fail(StatusCode.Unavailable, "collector stopping");
        var hello = (await _server.HelloAsync(2)).Received[0].Hello;
        Assert.Equal(3UL, hello.ConfigVersion);
        Assert.Equal("h3", hello.ConfigHash);
    }

    [Fact]
    public async Task StreamAborted_ReconnectsAndTheHelloCarriesTheAppliedVersionAndHash()
    {
        var stream = await _server.HelloAsync(1);
        stream.SendWelcome(TimeSpan.FromSeconds(5));
        stream.SendUpdate(5, "h5", TestConfigs.Valid());
        await AckAsync(stream, 1);

        stream.Fail(StatusCode.Aborted, "replaced by a newer stream");
        var next = await _server.HelloAsync(2);

        var hello = next.Received[0].Hello;
        Assert.Equal(5UL, hello.ConfigVersion);
        Assert.Equal("h5", hello.ConfigHash);
        Assert.Equal(_sensor.SensorId, hello.SensorId);
    }

    [Fact]
    public async Task StreamFailsWithRetryHint_ReconnectsNoSoonerThanTheHint()
    {
        var stream = await _server.HelloAsync(1);
        var failedAt = _time.GetUtcNow();

        stream.Fail(StatusCode.Unavailable, "busy", new Metadata { { WireProtocol.RetryAfterTrailer, "2000" } });
        await _server.HelloAsync(2, step: () => _time.Advance(Step));

        Assert.True(_time.GetUtcNow() - failedAt >= TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Idle_SendsAHeartbeatEveryHeartbeatInterval()
    {
        var openedAt = _time.GetUtcNow();
        var stream = await _server.HelloAsync(1);
        stream.SendWelcome(TimeSpan.FromSeconds(1));
        await Eventually.UntilAsync(() => _client.HeartbeatInterval == TimeSpan.FromSeconds(1), "the welcome is read");

        await Eventually.UntilAsync(
            () => stream.ReceivedOf(m => m.Heartbeat).Count >= 2, "two heartbeats are sent", step: () => _time.Advance(Step));

        var heartbeats = stream.ReceivedOf(m => m.Heartbeat).Select(h => h.At.ToDateTimeOffset()).ToList();
        Assert.True(heartbeats[0] - openedAt >= TimeSpan.FromSeconds(1));
        Assert.True(heartbeats[1] - heartbeats[0] >= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task CollectorSilentForThreeIntervals_DropsTheStreamAndReconnects()
    {
        var stream = await _server.HelloAsync(1);
        stream.SendWelcome(TimeSpan.FromSeconds(1));
        await Eventually.UntilAsync(() => _client.HeartbeatInterval == TimeSpan.FromSeconds(1), "the welcome is read");
        var lastHeardAt = _time.GetUtcNow();

        await _server.HelloAsync(2, step: () => _time.Advance(Step));

        Assert.True(stream.Cancelled);
        Assert.True(_time.GetUtcNow() - lastHeardAt >= TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Commands_PauseResumeFlush_ChangeTheSensorAndStatusReportsPaused()
    {
        var stream = await _server.HelloAsync(1);
        stream.SendWelcome(TimeSpan.FromSeconds(30));

        stream.SendCommand(SensorCommandKind.Pause);
        await Eventually.UntilAsync(() => _live.Paused, "the sensor is paused");
        await Eventually.UntilAsync(
            () => stream.ReceivedOf(m => m.Status).Count >= 1, "a status is sent", step: () => _time.Advance(Step));
        Assert.True(stream.ReceivedOf(m => m.Status)[0].Paused);

        stream.SendCommand(SensorCommandKind.Resume);
        stream.SendCommand(SensorCommandKind.Flush);
        await Eventually.UntilAsync(() => !_live.Paused && _live.FlushRequests == 1, "the sensor resumed and was asked to flush");
    }

    [Fact]
    public async Task Commands_PauseAndResume_AreReportedAtOnceNotAtTheNextStatusInterval()
    {
        var stream = await _server.HelloAsync(1);
        stream.SendWelcome(TimeSpan.FromSeconds(30));
        var from = _time.GetUtcNow();

        // The clock stands still: only the pause itself can make the sensor report.
        stream.SendCommand(SensorCommandKind.Pause);
        await Eventually.UntilAsync(() => stream.ReceivedOf(m => m.Status).Any(status => status.Paused), "a status saying paused");

        stream.SendCommand(SensorCommandKind.Resume);
        await Eventually.UntilAsync(
            () => stream.ReceivedOf(m => m.Status) is { Count: >= 2 } reports && !reports[^1].Paused, "a status saying sampling again");
        Assert.Equal(from, _time.GetUtcNow());
    }

    [Fact]
    public async Task Status_SentEveryStatusIntervalOfTheAppliedConfiguration()
    {
        var stream = await _server.HelloAsync(1);
        stream.SendWelcome(TimeSpan.FromSeconds(30));
        var config = TestConfigs.Valid();
        config.StatusInterval = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromSeconds(1));
        stream.SendUpdate(2, "h2", config);
        await AckAsync(stream, 1);
        var from = _time.GetUtcNow();

        await Eventually.UntilAsync(
            () => stream.ReceivedOf(m => m.Status).Count >= 3, "three status reports", step: () => _time.Advance(Step));

        // At the 5 s start-up interval, three reports would take 15 s.
        Assert.True(_time.GetUtcNow() - from < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Stop_CompletesTheRequestStreamPolitely()
    {
        var stream = await _server.HelloAsync(1);
        stream.SendWelcome(TimeSpan.FromSeconds(5));

        await _stop.CancelAsync();
        await Eventually.CompletesAsync(_running);

        Assert.True(stream.RequestCompleted);
        Assert.False(stream.Cancelled);
        Assert.Single(_server.Streams);
    }

    private static async Task<ConfigAck> AckAsync(FakeControlStream stream, int number)
    {
        await Eventually.UntilAsync(() => stream.ReceivedOf(m => m.ConfigAck).Count >= number, $"acknowledgement {number} is sent");
        return stream.ReceivedOf(m => m.ConfigAck)[number - 1];
    }
}
