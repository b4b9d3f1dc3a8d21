using System.ComponentModel.DataAnnotations;

namespace Ingest.Collector.SensorConfig;

/// <summary>
/// Sensor configuration and the control streams that carry it. Section <c>Collector:Control</c>; reloaded
/// live when the settings file changes (an invalid edit is logged and the last good settings stay).
/// </summary>
internal sealed class ControlOptions
{
    public const string SectionName = "Collector:Control";

    /// <summary>
    /// Sent to sensors in the welcome: each side sends a heartbeat when it sent nothing for this long and drops
    /// a stream silent for three intervals. 100 ms to 5 minutes. Default: 5 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Commands waiting to be written on one control stream; a command for a stream this far behind is skipped. Default: 16.</summary>
    [Range(1, 10_000)]
    public int MaxQueuedCommandsPerStream { get; set; } = 16;

    /// <summary>The configuration of every sensor unless its kind's settings or an override say otherwise.</summary>
    [Required]
    public SensorConfigDefaults Defaults { get; set; } = new();

    /// <summary>
    /// Per kind, settings in the syntax of the admin calls that replace the defaults, e.g.
    /// <c>"vibration": { "SamplingInterval": "20ms" }</c>. Default: none.
    /// </summary>
    public Dictionary<string, Dictionary<string, string>> Kinds { get; set; } = [];
}
