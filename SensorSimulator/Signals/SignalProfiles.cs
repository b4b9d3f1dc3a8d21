namespace Ingest.SensorSimulator.Signals;

/// <summary>The signal profile of every known kind, and a generic one for the others.</summary>
internal static class SignalProfiles
{
    /// <summary>Air temperature in °C.</summary>
    public static SignalProfile Temperature { get; } = new()
    {
        Baseline = 21, SensorSpread = 2, DailyAmplitude = 4, DriftStep = 0.002, DriftReversion = 0.0005,
        Noise = 0.05, SpikeProbability = 1e-4, SpikeMagnitude = 6, Minimum = -40, Maximum = 85, Resolution = 0.01,
    };

    /// <summary>Relative humidity in %; highest at night.</summary>
    public static SignalProfile Humidity { get; } = new()
    {
        Baseline = 50, SensorSpread = 5, DailyAmplitude = -12, DriftStep = 0.01, DriftReversion = 0.0005,
        Noise = 0.3, SpikeProbability = 1e-4, SpikeMagnitude = 15, Minimum = 0, Maximum = 100, Resolution = 0.1,
    };

    /// <summary>Barometric pressure in hPa; weather makes it drift more than it cycles.</summary>
    public static SignalProfile Pressure { get; } = new()
    {
        Baseline = 1013.25, SensorSpread = 4, DailyAmplitude = 0.8, DriftStep = 0.005, DriftReversion = 0.0001,
        Noise = 0.02, SpikeProbability = 5e-5, SpikeMagnitude = 3, Minimum = 870, Maximum = 1085, Resolution = 0.01,
    };

    /// <summary>Vibration RMS in g; busier in the day shift, with shocks.</summary>
    public static SignalProfile Vibration { get; } = new()
    {
        Baseline = 0.3, SensorSpread = 0.05, DailyAmplitude = 0.1, DriftStep = 0.0005, DriftReversion = 0.001,
        Noise = 0.04, SpikeProbability = 1e-3, SpikeMagnitude = 2.5, SpikesUpOnly = true, Minimum = 0, Maximum = 50,
        Resolution = 0.001,
    };

    /// <summary>Any other kind: a unitless signal around zero.</summary>
    public static SignalProfile Generic { get; } = new()
    {
        Baseline = 0, SensorSpread = 0.5, DailyAmplitude = 1, DriftStep = 0.001, DriftReversion = 0.001,
        Noise = 0.1, SpikeProbability = 1e-4, SpikeMagnitude = 5, Minimum = -1e6, Maximum = 1e6, Resolution = 0.001,
    };

    /// <summary>The profile of <paramref name="kind"/> (case-insensitive); <see cref="Generic"/> for unknown kinds.</summary>
    public static SignalProfile For(string kind) => kind.ToUpperInvariant() switch
    {
        "TEMPERATURE" => Temperature,
        "HUMIDITY" => Humidity,
        "PRESSURE" => Pressure,
        "VIBRATION" => Vibration,
        _ => Generic,
    };
}
