using System.Diagnostics.Metrics;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Simmy;
using Polly.Simmy.Fault;
using Polly.Simmy.Latency;

namespace Ingest.SensorSimulator.Chaos;

/// <summary>
/// The Polly chaos strategies of <c>Simulator:Chaos</c>, added innermost to the sensors' retry pipelines so that
/// the retries ride the injected faults out; counts every injected fault (metric
/// <c>ingest.simulator.chaos.faults</c> of meter <c>Ingest.SensorSimulator</c>, by call).
/// </summary>
internal sealed class SimulatorChaos
{
    /// <summary>The simulator's meter.</summary>
    public const string MeterName = "Ingest.SensorSimulator";

    /// <summary>The message of every injected fault, so that it is told apart from a real one in the logs.</summary>
    public const string FaultMessage = "injected by Simulator:Chaos";

    private readonly SimulatorChaosOptions _options;
    private readonly Counter<long> _faults;
    private long _injected;

    public SimulatorChaos(IOptions<SimulatorChaosOptions> options, TimeProvider time, IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(meterFactory);
        _options = options.Value;
        _faults = meterFactory.Create(MeterName).CreateCounter<long>(
            "ingest.simulator.chaos.faults", "{fault}", "Faults injected by Simulator:Chaos, by call (greet, upload, connect).");
        Greet = Enabled ? AddTo(new ResiliencePipelineBuilder { TimeProvider = time }, ChaosCall.Greet).Build() : ResiliencePipeline.Empty;
        Upload = Enabled ? AddTo(new ResiliencePipelineBuilder { TimeProvider = time }, ChaosCall.Upload).Build() : ResiliencePipeline.Empty;
    }

    /// <summary>Whether chaos is on at all.</summary>
    public bool Enabled => _options.Enabled;

    /// <summary>Faults injected so far, over all calls.</summary>
    public long InjectedFaults => Interlocked.Read(ref _injected);

    /// <summary>The chaos of one greeting, to run inside a retry attempt; empty when chaos is off.</summary>
    public ResiliencePipeline Greet { get; }

    /// <summary>The chaos of one upload window's call, to run inside a retry attempt; empty when chaos is off.</summary>
    public ResiliencePipeline Upload { get; }

    /// <summary>
    /// Adds the latency and fault strategies of <paramref name="call"/> to <paramref name="builder"/> (after its
    /// retry, so inside it); adds nothing when chaos is off or the call's rates are 0.
    /// </summary>
    public ResiliencePipelineBuilder AddTo(ResiliencePipelineBuilder builder, ChaosCall call)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!Enabled)
        {
            return builder;
        }

        var options = _options.For(call);
        if (options.LatencyRate > 0)
        {
            builder.AddChaosLatency(new ChaosLatencyStrategyOptions
            {
                InjectionRate = options.LatencyRate,
                Latency = options.Latency,
            });
        }

        if (options.FaultRate > 0)
        {
            var tag = new KeyValuePair<string, object?>("call", call.ToString().ToLowerInvariant());
            builder.AddChaosFault(new ChaosFaultStrategyOptions
            {
                InjectionRate = options.FaultRate,
                FaultGenerator = _ => ValueTask.FromResult<Exception?>(
                    new RpcException(new Status(StatusCode.Unavailable, FaultMessage))),
                OnFaultInjected = _ =>
                {
                    Interlocked.Increment(ref _injected);
                    _faults.Add(1, tag);
                    return default;
                },
            });
        }

        return builder;
    }
}
