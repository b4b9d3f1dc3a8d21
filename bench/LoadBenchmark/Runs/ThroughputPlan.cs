using Ingest.LoadBenchmark.CommandLine;
using Ingest.LoadBenchmark.Load;

namespace Ingest.LoadBenchmark.Runs;

/// <summary>
/// The order of the full-speed runs: the naive run once, then per batch size the ceiling and full runs in
/// <see cref="BenchmarkSettings.Rounds"/> rounds, interleaved so that a slow spell of the machine hits both patterns
/// rather than all rounds of one, and in turn first (ceiling r1, full r1, full r2, ceiling r2, ceiling r3, full r3, …) so
/// that whatever one run leaves behind (page cache, disk writeback) does not always fall on the same pattern.
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
                foreach (var pattern in round % 2 == 1 ? streamed : Enumerable.Reverse(streamed))
                {
                    yield return new PlannedRun(RunNames.Of(pattern, size, round, settings.Rounds), pattern, size, round);
                }
            }
        }
    }
}
