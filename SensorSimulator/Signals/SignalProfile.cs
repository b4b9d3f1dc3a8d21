namespace Ingest.SensorSimulator.Signals;

/// <summary>The shape of one kind's signal: level, daily cycle, drift, noise, rare spikes and physical limits.</summary>
internal sealed record SignalProfile
{
    /// <summary>The typical level.</summary>
    public required double Baseline { get; init; }

    /// <summary>How far individual sensors sit from the baseline (standard deviation).</summary>
    public required double SensorSpread { get; init; }

    /// <summary>Amplitude of the daily cycle; negative peaks at night.</summary>
    public required double DailyAmplitude { get; init; }

    /// <summary>Standard deviation of one drift step (a slow, mean-reverting random walk).</summary>
    public required double DriftStep { get; init; }

    /// <summary>The fraction of the drift pulled back towards zero at every reading.</summary>
    public required double DriftReversion { get; init; }

    /// <summary>Standard deviation of the measurement noise.</summary>
    public required double Noise { get; init; }

    /// <summary>The chance that one reading is a spike.</summary>
    public required double SpikeProbability { get; init; }

    /// <summary>How far a spike jumps.</summary>
    public required double SpikeMagnitude { get; init; }

    /// <summary>Spikes only go up (shocks), not both ways (glitches).</summary>
    public bool SpikesUpOnly { get; init; }

    /// <summary>The lowest value the sensor can report.</summary>
    public required double Minimum { get; init; }

    /// <summary>The highest value the sensor can report.</summary>
    public required double Maximum { get; init; }

    /// <summary>The sensor's resolution: values are rounded to a multiple of it.</summary>
    public required double Resolution { get; init; }
}
