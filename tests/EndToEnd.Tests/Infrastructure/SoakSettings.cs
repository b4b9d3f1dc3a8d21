using System.Globalization;

namespace Ingest.EndToEnd.Tests.Infrastructure;

/// <summary>
/// How long and how hard the soak runs. The defaults are the short CI run; the environment variables
/// <c>INGEST_SOAK_SECONDS</c>, <c>INGEST_SOAK_SENSORS</c>, <c>INGEST_SOAK_KILL_EVERY_SECONDS</c> and
/// <c>INGEST_SOAK_SIMULATOR_KILLS</c> select a longer one.
/// </summary>
/// <param name="Duration">
/// How long the processes are killed on a schedule while the simulator samples; the simulator samples on until every sensor
/// got through to the last collector. Default: 45 s.
/// </param>
/// <param name="Sensors">Simulated sensors. Default: 50.</param>
/// <param name="KillEvery">The collector is SIGKILLed and restarted this often while the simulator samples. Default: 15 s.</param>
/// <param name="SimulatorKills">
/// How often the simulator (which keeps a spool) is SIGKILLed and started again, spread over the run between the collector's
/// kills. Default: 1.
/// </param>
internal sealed record SoakSettings(TimeSpan Duration, int Sensors, TimeSpan KillEvery, int SimulatorKills)
{
    /// <summary>Collector kills that fit strictly inside the run: every <see cref="KillEvery"/> until <see cref="Duration"/>.</summary>
    public int Kills => (int)Math.Ceiling(Duration / KillEvery) - 1;

    /// <summary>Every kill, in time order: the collector's every <see cref="KillEvery"/>, the simulator's half-way between two of them.</summary>
    public IReadOnlyList<(TimeSpan At, string Process)> Schedule()
    {
        var schedule = Enumerable.Range(1, Kills).Select(kill => (KillEvery * kill, "collector")).ToList();
        var gap = Duration / (SimulatorKills + 1);
        for (var kill = 1; kill <= SimulatorKills; kill++)
        {
            // Half-way between the collector's kills around it, so that the two never coincide.
            var near = gap * kill;
            var slot = Math.Floor(near / KillEvery);
            schedule.Add((KillEvery * (slot + 0.5), "simulator"));
        }

        return [.. schedule.OrderBy(fault => fault.Item1)];
    }

    public static SoakSettings FromEnvironment() => new(
        TimeSpan.FromSeconds(Read("INGEST_SOAK_SECONDS", 45)),
        Read("INGEST_SOAK_SENSORS", 50),
        TimeSpan.FromSeconds(Read("INGEST_SOAK_KILL_EVERY_SECONDS", 15)),
        Read("INGEST_SOAK_SIMULATOR_KILLS", 1));

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
