using System.ComponentModel.DataAnnotations;

namespace Ingest.SensorSimulator.Chaos;

/// <summary>Faults and latency injected into one kind of call. Section <c>Simulator:Chaos:Greet|Upload|Connect</c>.</summary>
internal sealed class ChaosCallOptions
{
    /// <summary>The share of attempts that fail with <c>Unavailable</c> before reaching the collector, 0 to 1. Default: 0.</summary>
    [Range(0.0, 1.0)]
    public double FaultRate { get; set; }

    /// <summary>The share of attempts delayed by <see cref="Latency"/> before they start, 0 to 1. Default: 0.</summary>
    [Range(0.0, 1.0)]
    public double LatencyRate { get; set; }

    /// <summary>How long a delayed attempt waits, up to 1 min. Default: 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan Latency { get; set; } = TimeSpan.FromSeconds(1);
}
