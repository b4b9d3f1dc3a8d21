using System.Globalization;
using Ingest.SensorSimulator.Settings;

namespace Ingest.SensorSimulator.Model;

/// <summary>Who a simulated sensor is. Stable across restarts: derived from the options and the index only.</summary>
/// <param name="Index">The sensor's position in the fleet, from 1.</param>
/// <param name="SensorId">The id the sensor sends as, <c>{IdPrefix}-{kind}-{index:D4}</c>.</param>
/// <param name="Kind">The kind of sensor, such as <c>temperature</c>.</param>
internal sealed record SensorIdentity(int Index, string SensorId, string Kind)
{
    /// <summary>The identity of the sensor at <paramref name="index"/> (from 1); kinds are assigned round-robin.</summary>
    public static SensorIdentity Create(SimulatorOptions options, int index)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(index, 1);
        var kinds = options.EffectiveKinds;
        var kind = kinds[(index - 1) % kinds.Count];
        var sensorId = string.Create(CultureInfo.InvariantCulture, $"{options.IdPrefix}-{kind}-{index:D4}");
        return new SensorIdentity(index, sensorId, kind);
    }
}
