using System.ComponentModel.DataAnnotations;

namespace Ingest.Collector.Chaos;

/// <summary>Faults and latency injected around one operation, e.g. <c>Collector:Chaos:Commit</c>.</summary>
internal sealed class ChaosInjectionOptions
{
    /// <summary>Share of calls that fail as the real operation would (0..1). Default: 0.</summary>
    [Range(0.0, 1.0)]
    public double FaultRate { get; set; }

    /// <summary>Share of calls delayed by <see cref="Latency"/> (0..1). Default: 0.</summary>
    [Range(0.0, 1.0)]
    public double LatencyRate { get; set; }

    /// <summary>The delay added to a call picked by <see cref="LatencyRate"/>. Default: 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan Latency { get; set; } = TimeSpan.FromSeconds(1);
}
