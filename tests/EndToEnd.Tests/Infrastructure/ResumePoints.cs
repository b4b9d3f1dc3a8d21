using System.Globalization;
using System.Text.RegularExpressions;

namespace Ingest.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Where each sensor of a simulator process resumed: the sequence its first greeting said was committed. The simulator
/// logs it at Debug; start the process with <see cref="LoggedSetting"/> to see it.
/// </summary>
internal static partial class ResumePoints
{
    /// <summary>The setting that makes the simulator log each sensor's first greeting.</summary>
    public const string LoggedSetting = "--Serilog:MinimumLevel:Override:Ingest.SensorSimulator.Sensors.SimulatedSensor=Debug";

    /// <summary>Per sensor: the committed sequence its first greeting answered.</summary>
    public static IReadOnlyDictionary<string, long> Of(ManagedProcess simulator)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        var points = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var match in simulator.Lines.Select(line => Greeting().Match(line)).Where(match => match.Success))
        {
            points.TryAdd(match.Groups[1].Value, long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
        }

        return points;
    }

    [GeneratedRegex(@"Sensor (\S+) greeted collector \S+; resuming after sequence (\d+)")]
    private static partial Regex Greeting();
}
