using Ingest.Collector.Model;

namespace Ingest.Collector.Security;

/// <summary>Who is calling: the name of the key presented (never its value), its role and, for a sensor key, its sensor patterns.</summary>
internal sealed class Caller(string name, CallerRole role, IReadOnlyList<string> sensors)
{
    public string Name { get; } = name;

    public CallerRole Role { get; } = role;

    /// <summary>The sensor-id patterns a sensor key is bound to; empty for other roles.</summary>
    public IReadOnlyList<string> Sensors { get; } = sensors;

    /// <summary>Whether this caller may send as <paramref name="sensorId"/>: a sensor key whose patterns match it.</summary>
    public bool MaySendAs(string sensorId)
    {
        if (Role != CallerRole.Sensor)
        {
            return false;
        }

        foreach (var pattern in Sensors)
        {
            if (SensorPattern.Matches(pattern, sensorId))
            {
                return true;
            }
        }

        return false;
    }
}
