using System.Globalization;
using Ingest.LoadBenchmark.Load;
using Ingest.LoadBenchmark.Reporting;

namespace Ingest.LoadBenchmark.Runs;

/// <summary>
/// The half-load run: the full pipeline at half the readings/s of the median round (<see cref="RunRounds"/>) of the
/// full run at the targets' batch size (<see cref="Targets.ReferenceBatchSize"/>) when no round of it had a problem,
/// else of the fastest such full run by its median; in that run's batch size, spread evenly over the sensors as one
/// batch per <see cref="BatchInterval"/> each. <see cref="Basis"/> says which run and rate it used. The full runs are
/// those of one storage setup (<see cref="Setup"/>): SQLite's, or PostgreSQL's with one collector for its own half load.
/// </summary>
internal sealed record HalfLoadPlan(int BatchSize, double ReadingsPerSecond, TimeSpan BatchInterval, string Basis)
{
    /// <summary>The storage the half-load run uses, as the full runs it halves did.</summary>
    public StorageSetup Setup { get; init; } = StorageSetup.Sqlite;

    /// <summary>
    /// The plan from the full runs on <paramref name="setup"/> (SQLite when null); null without such a full run whose
    /// rounds all ran without a problem.
    /// </summary>
    public static HalfLoadPlan? From(IReadOnlyList<RunResult> runs, int sensors, StorageSetup? setup = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        setup ??= StorageSetup.Sqlite;
        var usable = RunRounds.Of(runs)
            .Where(g => g.Pattern == LoadPattern.Full && g.BatchSize is not null && g.Setup == setup && g.Problem is null && g.Median.ReadingsPerSecond > 0)
            .ToList();
        var reference = usable.Where(g => g.BatchSize == Targets.ReferenceBatchSize).ToList();
        var peakRounds = (reference.Count > 0 ? reference : usable).OrderByDescending(g => g.Median.ReadingsPerSecond).FirstOrDefault();
        if (peakRounds is null || sensors < 1)
        {
            return null;
        }

        var peak = peakRounds.Median;
        var rate = peak.ReadingsPerSecond / 2;
        var perSensor = rate / sensors;
        var basis = string.Format(
            CultureInfo.InvariantCulture,
            "half of {0}'s {1:N0} readings/s{2}{3}",
            peak.Name,
            peak.ReadingsPerSecond,
            peakRounds.Rounds.Count > 1 ? $", the median of {peakRounds.Rounds.Count} rounds" : "",
            peak.BatchSize == Targets.ReferenceBatchSize ? "" : $" (no usable full run with {Targets.ReferenceBatchSize:N0}-reading batches; the fastest full run)");
        return new HalfLoadPlan(peak.BatchSize!.Value, rate, TimeSpan.FromSeconds(peak.BatchSize.Value / perSensor), basis) { Setup = setup };
    }
}
