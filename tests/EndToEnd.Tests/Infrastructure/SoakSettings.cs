using System.Globalization;

namespace Ingest.EndToEnd.Tests.Infrastructure;

/// <summary>
/// How long and how hard the soak runs. The defaults are the short CI run; the environment variables
/// <c>INGEST_SOAK_SECONDS</c>, <c>INGEST_SOAK_SENSORS</c> and <c>INGEST_SOAK_KILL_EVERY_SECONDS</c> select a longer one.
/// </summary>
/// <param name="Duration">
/// How long the collector is killed on a schedule while the simulator samples; the simulator samples on until every sensor
/// got through to the last collector. Default: 45 s.
/// </param>
/// <param name="Sensors">Simulated sensors. Default: 50.</param>
/// <param name="KillEvery">The collector is SIGKILLed and restarted this often while the simulator samples. Default: 15 s.</param>
internal sealed record SoakSettings(TimeSpan Duration, int Sensors, TimeSpan KillEvery)
{
    /// <summary>Kills that fit strictly inside the run: every <see cref="KillEvery"/> until <see cref="Duration"/>.</summary>
    public int Kills => (int)Math.Ceiling(Duration / KillEvery) - 1;

    public static SoakSettings FromEnvironment() => new(
        TimeSpan.FromSeconds(Read("INGEST_SOAK_SECONDS", 45)),
        Read("INGEST_SOAK_SENSORS", 50),
        TimeSpan.FromSeconds(Read("INGEST_SOAK_KILL_EVERY_SECONDS", 15)));

    private static int Read(string variable, int fallback)
    {
        var text = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new InvalidOperationException($"{variable}={text} is not a positive whole number; unset it for the default of {fallback}.");
    }
}
