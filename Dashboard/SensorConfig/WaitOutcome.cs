using Ingest.Dashboard.Admin;
using Ingest.Dashboard.Model;

namespace Ingest.Dashboard.SensorConfig;

/// <summary>
/// Where the sensors stand with a new version: those that run it (or a later one), those that rejected it, and those
/// still waiting (not connected, or not answered yet). Sensors whose desired version is older than it are not
/// counted: the change did not touch them.
/// </summary>
/// <param name="Version">The version waited for.</param>
/// <param name="Acknowledged">Sensors that report it or a later one.</param>
/// <param name="Rejected">Sensors that rejected it.</param>
/// <param name="Waiting">Sensors that have done neither yet.</param>
/// <param name="Elapsed">How long the command had run when this was seen.</param>
/// <param name="TimedOut">The wait ended because its time was up.</param>
internal sealed record WaitOutcome(
    ulong Version,
    IReadOnlyList<SensorConfiguration> Acknowledged,
    IReadOnlyList<SensorConfiguration> Rejected,
    IReadOnlyList<SensorConfiguration> Waiting,
    TimeSpan Elapsed,
    bool TimedOut)
{
    public int Total => Acknowledged.Count + Rejected.Count + Waiting.Count;

    /// <summary>Every sensor has acknowledged or rejected the version.</summary>
    public bool Complete => Waiting.Count == 0;

    /// <summary>Sorts <paramref name="sensors"/> by how they stand with <paramref name="version"/>.</summary>
    public static WaitOutcome Tally(IEnumerable<SensorConfiguration> sensors, ulong version, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(sensors);
        List<SensorConfiguration> acknowledged = [], rejected = [], waiting = [];
        foreach (var sensor in sensors.Where(sensor => sensor.DesiredVersion >= version))
        {
            var list = sensor.ReportedVersion >= version ? acknowledged
                : sensor.State == Model.ConfigState.Rejected ? rejected
                : waiting;
            list.Add(sensor);
        }

        return new WaitOutcome(version, acknowledged, rejected, waiting, elapsed, TimedOut: false);
    }
}
