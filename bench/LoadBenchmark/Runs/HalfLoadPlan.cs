using System.Globalization;
using Ingest.LoadBenchmark.Reporting;

namespace Ingest.LoadBenchmark.Runs;

/// <summary>
/// The half-load run: the full pipeline at half the readings/s of the median round (<see cref="RunRounds"/>) of the
/// full run at the targets' batch size (<see cref="Targets.ReferenceBatchSize"/>) when no round of it had a problem,
/// else of the fastest such full run by its median; in that run's batch size, spread evenly over the sensors as one
/// batch per <see cref="BatchInterval"/> each. <see cref="Basis"/> says which run and rate it used.
/// </summary>
internal sealed record HalfLoadPlan(int BatchSize, double ReadingsPerSecond, TimeSpan BatchInterval, string Basis)
{
    /// <summary>The plan from the full runs; null without a full run whose rounds all ran without a problem.</summary>
    public static HalfLoadPlan? From(IReadOnlyList<RunResult> runs, int sensors)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var usable = ThroughputRatio.FullRounds(runs).Where(g => g.Problem is null && g.Median.ReadingsPerSecond > 0).ToList();
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
        return new HalfLoadPlan(peak.BatchSize!.Value, rate, TimeSpan.FromSeconds(peak.BatchSize.Value / perSensor), basis);
    }
}
