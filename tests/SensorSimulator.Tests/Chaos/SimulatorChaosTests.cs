using System.ComponentModel.DataAnnotations;
using System.Diagnostics.Metrics;
using Ingest.SensorSimulator.Buffering;
using Ingest.SensorSimulator.Chaos;
using Ingest.SensorSimulator.Configuration;
using Ingest.SensorSimulator.Model;
using Ingest.SensorSimulator.Monitoring;
using Ingest.SensorSimulator.Resilience;
using Ingest.SensorSimulator.Settings;
using Ingest.SensorSimulator.Tests.Infrastructure;
using Ingest.SensorSimulator.Uploading;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Polly;

namespace Ingest.SensorSimulator.Tests.Chaos;

public sealed class SimulatorChaosTests
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly FakeCollector _collector = new();
    private readonly SensorCounters _counters = new();
    private readonly SimulatorOptions _options = new() { Sensors = 1 };

    [Fact]
    public async Task Greet_WithFaultRateOne_RetriesEachInjectedFaultAndCountsThem()
    {
        // Below the circuit breaker's minimum throughput, so that every attempt reaches the chaos strategy.
        const int attempts = 3;
        var chaos = TestChaos.Create(new SimulatorChaosOptions { Enabled = true, Greet = { FaultRate = 1 } }, _time);
        using var measured = new FaultMeasurements();
        using var stop = new CancellationTokenSource();

        var greeting = CreateUploader(chaos).GreetFirstAsync(stop.Token);
        for (var retry = 1; retry <= attempts; retry++)
        {
            // Each injected fault is followed by a retry, which waits its delay before the next attempt.
            await Eventually.UntilAsync(() => _counters.Retries == retry);
            Assert.Equal(retry, chaos.InjectedFaults);
            if (retry < attempts)
            {
                _time.Advance(RetryDelay);
            }
        }

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => greeting);

        Assert.Equal(0, _collector.Greets);
        Assert.Equal(attempts, measured.Greet);
    }

    [Fact]
    public async Task Upload_WithFaultRateOne_LeavesTheGreetingAlone()
    {
        var chaos = TestChaos.Create(new SimulatorChaosOptions { Enabled = true, Upload = { FaultRate = 1 } }, _time);
        using var stop = new CancellationTokenSource();

        await Eventually.CompletesAsync(CreateUploader(chaos).GreetFirstAsync(stop.Token));

        Assert.Equal(1, _collector.Greets);
        Assert.Equal(0, chaos.InjectedFaults);
        Assert.Equal(0, _counters.Retries);
    }

    [Fact]
    public async Task Upload_WithFaultRateOne_FailsEveryWindowBeforeItsCallAndCountsEachFault()
    {
        var chaos = TestChaos.Create(new SimulatorChaosOptions { Enabled = true, Upload = { FaultRate = 1 } }, _time);
        var buffer = new UnackedBuffer(10, BufferFullPolicy.Block, _counters);
        using var stop = new CancellationTokenSource();
        var uploader = CreateUploader(chaos, buffer);
        await Eventually.CompletesAsync(uploader.GreetFirstAsync(stop.Token));
        await buffer.AddAsync(TestBatches.Create(1), stop.Token);

        var running = uploader.RunAsync(stop.Token);
        await Eventually.UntilAsync(() => _counters.Retries >= 1 && chaos.InjectedFaults >= 1);
        await stop.CancelAsync();
        await Eventually.CompletesAsync(running);

        // The fault came before the window's call, and the greeting before it was not touched.
        Assert.Equal(0, _collector.Streams);
        Assert.Equal(1, _collector.Greets);
    }

    [Fact]
    public async Task Upload_WithFaultRateOne_FailsEveryAttemptBeforeTheCallAndCountsEachFault()
    {
        var chaos = TestChaos.Create(new SimulatorChaosOptions { Enabled = true, Upload = { FaultRate = 1 } }, _time);
        var before = chaos.InjectedFaults;
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = _time }
            .AddRetry(new Polly.Retry.RetryStrategyOptions { MaxRetryAttempts = 2, Delay = TimeSpan.Zero });
        var calls = 0;

        await Assert.ThrowsAsync<Grpc.Core.RpcException>(async () => await chaos.AddTo(pipeline, ChaosCall.Upload).Build()
            .ExecuteAsync(_ => { calls++; return ValueTask.CompletedTask; }));

        Assert.Equal(0, calls);
        Assert.Equal(3, chaos.InjectedFaults - before);
    }

    [Fact]
    public async Task Disabled_AddsNoStrategyEvenWithRatesSet()
    {
        var all = new ChaosCallOptions { FaultRate = 1, LatencyRate = 1, Latency = TimeSpan.FromMinutes(1) };
        var chaos = TestChaos.Create(new SimulatorChaosOptions { Enabled = false, Greet = all, Upload = all, Connect = all }, _time);
        var calls = 0;

        foreach (var call in Enum.GetValues<ChaosCall>())
        {
            await chaos.AddTo(new ResiliencePipelineBuilder { TimeProvider = _time }, call).Build()
                .ExecuteAsync(_ => { calls++; return ValueTask.CompletedTask; });
        }

        Assert.Equal(3, calls);
        Assert.Equal(0, chaos.InjectedFaults);
        Assert.Same(ResiliencePipeline.Empty, chaos.Greet);
    }

    [Theory]
    [InlineData(1.5, 0, 1)]
    [InlineData(0, -0.1, 1)]
    [InlineData(0, 0.5, 61)]
    public void Validate_RatesOutsideZeroToOneOrLatencyOverAMinute_Fail(double faultRate, double latencyRate, int latencySeconds)
    {
        var options = new SimulatorChaosOptions
        {
            Connect = { FaultRate = faultRate, LatencyRate = latencyRate, Latency = TimeSpan.FromSeconds(latencySeconds) },
        };
        var results = new List<ValidationResult>();

        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        Assert.StartsWith("Connect: ", Assert.Single(results).ErrorMessage, StringComparison.Ordinal);
    }

    private Uploader CreateUploader(SimulatorChaos chaos, UnackedBuffer? buffer = null)
    {
        var sensor = SensorIdentity.Create(_options, 1);
        buffer ??= new UnackedBuffer(10, BufferFullPolicy.Block, _counters);
        var monitor = new FleetMonitor(Options.Create(_options), _time, NullLogger<FleetMonitor>.Instance);
        var pipelines = new UploadPipelineFactory(_time, monitor, new RetryDelayPolicy(RetryDelay, RetryDelay), chaos);
        return new Uploader(
            sensor,
            buffer,
            _counters,
            [new CollectorClient(_collector, _time)],
            pipelines.Create(sensor, _counters),
            pipelines.GreetChaos,
            pipelines.UploadChaos,
            monitor,
            new LiveConfiguration(TestSettings.Default),
            _time,
            NullLogger.Instance);
    }

    /// <summary>Sums <c>ingest.simulator.chaos.faults</c> measurements of greetings while alive.</summary>
    private sealed class FaultMeasurements : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _greet;

        public FaultMeasurements()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == SimulatorChaos.MeterName && instrument.Name == "ingest.simulator.chaos.faults")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag is { Key: "call", Value: "greet" })
                    {
                        Interlocked.Add(ref _greet, value);
                    }
                }
            });
            _listener.Start();
        }

        public long Greet => Interlocked.Read(ref _greet);

        public void Dispose() => _listener.Dispose();
    }
}
