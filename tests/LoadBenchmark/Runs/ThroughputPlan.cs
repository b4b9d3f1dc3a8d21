using Ingest.LoadBenchmark.CommandLine;
using Ingest.LoadBenchmark.Load;

namespace Ingest.LoadBenchmark.Runs;

/// <summary>
/// The order of the full-speed runs: the naive run once, then per batch size the ceiling and full runs in
/// <see cref="BenchmarkSettings.Rounds"/> rounds, interleaved (ceiling r1, full r1, ceiling r2, full r2, …) so that a
/// slow spell of the machine hits both patterns rather than all rounds of one.
/// </summary>
internal static class ThroughputPlan
{
    public static IEnumerable<PlannedRun> Of(BenchmarkSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Patterns.Contains(LoadPattern.Naive))
        {
            yield return new PlannedRun("naive", LoadPattern.Naive, null, 1);
        }

        var streamed = new[] { LoadPattern.Ceiling, LoadPattern.Full }.Where(settings.Patterns.Contains).ToList();
        foreach (var size in settings.BatchSizes)
        {
            for (var round = 1; round <= settings.Rounds; round++)
            {
                foreach (var pattern in streamed)
                {
                    yield return new PlannedRun(RunNames.Of(pattern, size, round, settings.Rounds), pattern, size, round);
                }
            }
        }
    }
}
