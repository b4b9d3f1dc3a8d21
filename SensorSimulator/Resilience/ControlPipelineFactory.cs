using Ingest.SensorSimulator.Chaos;
using Ingest.SensorSimulator.Faults;
using Ingest.SensorSimulator.Model;
using Ingest.SensorSimulator.Monitoring;
using Polly;
using Polly.Retry;

namespace Ingest.SensorSimulator.Resilience;

/// <summary>
/// Builds a sensor's control-stream pipeline: reconnect for as long as the caller's token allows, with the
/// uploads' backoff and jitter, never sooner than the collector's retry hint. One attempt is one stream,
/// from opening to its end; the backoff counts the failures since the stream was last welcomed, so that a
/// stream that ran for hours reconnects quickly. The connect chaos of <c>Simulator:Chaos</c> (when on) sits inside the retry.
/// </summary>
internal sealed class ControlPipelineFactory
{
    private readonly TimeProvider _time;
    private readonly ControlMonitor _monitor;
    private readonly RetryDelayPolicy _delays;
    private readonly SimulatorChaos _chaos;

    public ControlPipelineFactory(TimeProvider time, ControlMonitor monitor, SimulatorChaos chaos)
        : this(time, monitor, RetryDelayPolicy.Default, chaos)
    {
    }

    public ControlPipelineFactory(TimeProvider time, ControlMonitor monitor, RetryDelayPolicy delays, SimulatorChaos chaos)
    {
        _time = time;
        _monitor = monitor;
        _delays = delays;
        _chaos = chaos;
    }

    /// <param name="sensor">Whose stream it is.</param>
    /// <param name="failuresSinceWelcome">The failed attempts since the last welcome, the current one included.</param>
    public ResiliencePipeline Create(SensorIdentity sensor, Func<int> failuresSinceWelcome)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        ArgumentNullException.ThrowIfNull(failuresSinceWelcome);
        var builder = new ResiliencePipelineBuilder { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(FaultClassifier.IsRetried(args.Outcome.Exception, args.Context.CancellationToken)),
                MaxRetryAttempts = int.MaxValue,
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(_delays.NextDelay(
                    Math.Max(1, failuresSinceWelcome()), args.Outcome.Exception, Random.Shared.NextDouble())),
                OnRetry = args =>
                {
                    if (args.Outcome.Exception is { } exception)
                    {
                        _monitor.ReportLost(sensor, exception, args.RetryDelay);
                    }

                    return default;
                },
            });
        return _chaos.AddTo(builder, ChaosCall.Connect).Build();
    }
}
