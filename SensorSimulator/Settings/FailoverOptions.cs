using System.ComponentModel.DataAnnotations;

namespace Ingest.SensorSimulator.Settings;

/// <summary>
/// How a sensor moves between the collectors of <c>Simulator:CollectorAddresses</c>; with one collector nothing
/// moves. Section <c>Simulator:Failover</c>.
/// </summary>
internal sealed class FailoverOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Simulator:Failover";

    /// <summary>
    /// Failed attempts in a row on one collector, each unreachable or refusing (<c>Unavailable</c>,
    /// <c>ResourceExhausted</c> after its retry hint, <c>DeadlineExceeded</c>, a refused or timed-out connection, an open
    /// circuit, a silent control stream), after which the sensor moves to the next collector in the list. An acknowledged
    /// upload window or a welcomed control stream starts the count again. Default: 3.
    /// </summary>
    [Range(1, 1000)]
    public int FailuresBeforeFailover { get; set; } = 3;

    /// <summary>
    /// How long a sensor stays on another collector before it goes back to its home collector, at its next upload
    /// attempt; if home still fails, the sensor fails over again and waits as long once more. Default: 5 min.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ReturnHomeAfter { get; set; } = TimeSpan.FromMinutes(5);
}
