using Grpc.Core;
using Ingest.SensorSimulator.Model;
using Ingest.SensorSimulator.Monitoring;
using Ingest.SensorSimulator.Resilience;
using Ingest.SensorSimulator.Settings;
using Ingest.SensorSimulator.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Ingest.SensorSimulator.Tests.Resilience;

public sealed class UploadPipelineFactoryTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly SensorCounters _counters = new();
    private readonly Polly.ResiliencePipeline _pipeline;

    public UploadPipelineFactoryTests()
    {
        var options = new SimulatorOptions { Sensors = 1 };
        var monitor = new FleetMonitor(Options.Create(options), _time, NullLogger<FleetMonitor>.Instance);
        _pipeline = new UploadPipelineFactory(_time, monitor, TestChaos.Off).Create(SensorIdentity.Create(options, 1), _counters);
    }

    [Fact]
    public async Task Execute_ResourceExhaustedWithRetryAfter_WaitsAtLeastTheHintAndCountsTheRetry()
    {
        var attempts = 0;
        var trailers = new Metadata { { "retry-after-ms", "3000" } };

        var running = _pipeline.ExecuteAsync(
            _ =>
            {
                if (++attempts == 1)
                {
                    throw new RpcException(new Status(StatusCode.ResourceExhausted, "busy"), trailers);
                }

                return ValueTask.CompletedTask;
            },
            CancellationToken.None).AsTask();

        await Eventually.UntilAsync(() => _counters.Retries == 1);
        _time.Advance(TimeSpan.FromMilliseconds(2_999));
        Assert.Equal(1, attempts);

        await Eventually.CompletesAsync(running, () => _time.Advance(TimeSpan.FromMilliseconds(1)));
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task Execute_OurCancellation_EndsWithoutRetrying()
    {
        using var stop = new CancellationTokenSource();
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<Exception>(async () => await _pipeline.ExecuteAsync(
            _ => throw new RpcException(new Status(StatusCode.Cancelled, "cancelled")), stop.Token));

        Assert.Equal(0, _counters.Retries);
    }
}
