using System.ComponentModel.DataAnnotations;

namespace Ingest.SensorSimulator.Settings;

/// <summary>The control channel to the collector. Section <c>Simulator:Control</c>.</summary>
internal sealed class ControlOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Simulator:Control";

    /// <summary>
    /// Each sensor keeps a control stream open, through which the collector sends its desired configuration
    /// and commands; when false, the start-up settings are used throughout. Default: true.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How often a sensor reports its status until the collector's configuration says otherwise. Default: 5 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan StatusInterval { get; set; } = TimeSpan.FromSeconds(5);
}
