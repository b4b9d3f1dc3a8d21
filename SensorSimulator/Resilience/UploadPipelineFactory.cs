using Ingest.SensorSimulator.Chaos;
using Ingest.SensorSimulator.Faults;
using Ingest.SensorSimulator.Model;
using Ingest.SensorSimulator.Monitoring;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Ingest.SensorSimulator.Resilience;

/// <summary>
/// Builds a sensor's resilience pipeline: retry for as long as the caller's token allows (exponential
/// backoff with jitter, honouring retry hints); and, run inside each attempt, a circuit breaker per collector
/// (<see cref="CreateBreaker"/>) that stops hammering a collector that keeps failing, without holding back a sensor
/// that has failed over to another. One attempt is a greeting (when needed) and one upload window; the chaos of
/// <c>Simulator:Chaos</c> (when on) is run inside the attempt, around each call on its own (<see cref="GreetChaos"/>,
/// <see cref="UploadChaos"/>), so that a greeting never gets the upload's faults too.
/// </summary>
internal sealed class UploadPipelineFactory
{
    /// <summary>How long the circuit stays open once it breaks.</summary>
    public static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(5);

    private readonly TimeProvider _time;
    private readonly FleetMonitor _monitor;
    private readonly RetryDelayPolicy _delays;
    private readonly SimulatorChaos _chaos;

    public UploadPipelineFactory(TimeProvider time, FleetMonitor monitor, SimulatorChaos chaos)
        : this(time, monitor, RetryDelayPolicy.Default, chaos)
    {
    }

    public UploadPipelineFactory(TimeProvider time, FleetMonitor monitor, RetryDelayPolicy delays, SimulatorChaos chaos)
    {
        _time = time;
        _monitor = monitor;
        _delays = delays;
        _chaos = chaos;
    }

    /// <summary>The chaos of one greeting, run inside an attempt; empty when chaos is off.</summary>
    public ResiliencePipeline GreetChaos => _chaos.Greet;

    /// <summary>The chaos of one upload window's call, run inside an attempt; empty when chaos is off.</summary>
    public ResiliencePipeline UploadChaos => _chaos.Upload;

    /// <summary>The retry pipeline of one sensor's attempts.</summary>
    public ResiliencePipeline Create(SensorIdentity sensor, SensorCounters counters)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        ArgumentNullException.ThrowIfNull(counters);
        var builder = new ResiliencePipelineBuilder { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(FaultClassifier.IsRetried(args.Outcome.Exception, args.Context.CancellationToken)),
                MaxRetryAttempts = int.MaxValue,
                // Every delay comes from the generator: backoff with jitter, at least the collector's hint.
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    _delays.NextDelay(args.AttemptNumber + 1, args.Outcome.Exception, Random.Shared.NextDouble())),
                OnRetry = args =>
                {
                    counters.AddRetry();
                    if (args.Outcome.Exception is { } exception)
                    {
                        var kind = FaultClassifier.Classify(exception, args.Context.CancellationToken);
                        _monitor.ReportFailure(sensor, exception, kind, args.RetryDelay);
                    }

                    return default;
                },
            });
        return builder.Build();
    }

    /// <summary>One sensor's circuit breaker for one collector: it opens for <see cref="BreakDuration"/> when at least three attempts there within 30 s all failed.</summary>
    public ResiliencePipeline CreateBreaker() =>
        new ResiliencePipelineBuilder { TimeProvider = _time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(FaultClassifier.IsRetried(args.Outcome.Exception, args.Context.CancellationToken)),
                FailureRatio = 1.0,
                MinimumThroughput = 3,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = BreakDuration,
            })
            .Build();
}
