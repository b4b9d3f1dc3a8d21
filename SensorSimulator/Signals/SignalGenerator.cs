namespace Ingest.SensorSimulator.Signals;

/// <summary>
/// One sensor's believable signal: its own level, a daily cycle by event time, a slow drift, noise and
/// rare spikes. Reproducible: the same profile, seed and event times give the same values.
/// </summary>
internal sealed class SignalGenerator
{
    private readonly SignalProfile _profile;
    private readonly Random _random;
    private readonly double _offset;
    private readonly double _phase;
    private double _drift;

    public SignalGenerator(SignalProfile profile, int seed)
    {
        ArgumentNullException.ThrowIfNull(profile);
        _profile = profile;
        _random = new Random(seed);
        _offset = NextGaussian() * profile.SensorSpread;

        // Sensors sit at slightly different places, so their days peak at slightly different times (±1 h).
        _phase = (_random.NextDouble() - 0.5) * (2 * Math.PI / 12);
    }

    /// <summary>The value read at <paramref name="eventTime"/>; call with increasing times.</summary>
    public double Next(DateTimeOffset eventTime)
    {
        // Peaks in the afternoon (15:00 UTC) for a positive amplitude.
        var dayFraction = (double)(eventTime.UtcTicks % TimeSpan.TicksPerDay) / TimeSpan.TicksPerDay;
        var daily = _profile.DailyAmplitude * Math.Sin((2 * Math.PI * (dayFraction - 0.375)) + _phase);

        _drift = (_drift * (1 - _profile.DriftReversion)) + (NextGaussian() * _profile.DriftStep);
        var noise = NextGaussian() * _profile.Noise;
        var spike = 0.0;
        if (_random.NextDouble() < _profile.SpikeProbability)
        {
            var up = _profile.SpikesUpOnly || _random.NextDouble() < 0.5;
            spike = (up ? 1 : -1) * _profile.SpikeMagnitude * (0.5 + _random.NextDouble());
        }

        var value = _profile.Baseline + _offset + daily + _drift + noise + spike;
        value = Math.Clamp(value, _profile.Minimum, _profile.Maximum);
        return Quantize(value, _profile.Resolution);
    }

    /// <summary>
    /// A whole number of steps of the resolution, as an instrument reports it: the double nearest that decimal
    /// (2,137 steps of 0.01 read 21.37, where 2137 * 0.01 would give 21.370000000000001), and 0 rather than −0.
    /// A resolution that is not a decimal of at most 15 places gives the nearest multiple as it comes.
    /// </summary>
    internal static double Quantize(double value, double resolution)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(resolution);
        var steps = Math.Round(value / resolution);
        if (steps == 0)
        {
            return 0;
        }

        // resolution = units / 10^places exactly as decimals go: steps * units is a whole number, divided once.
        for (var places = 0; places <= 15; places++)
        {
            var scale = Math.Pow(10, places);
            var units = Math.Round(resolution * scale);
            if (units >= 1 && Math.Abs((resolution * scale) - units) <= 1e-9 * units)
            {
                return steps * units / scale;
            }
        }

        return steps * resolution;
    }

    private double NextGaussian()
    {
        // Box-Muller; 1 - NextDouble() is in (0, 1], so the logarithm is finite.
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
