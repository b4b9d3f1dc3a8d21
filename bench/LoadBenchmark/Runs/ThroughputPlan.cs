using Ingest.LoadBenchmark.CommandLine;
using Ingest.LoadBenchmark.Load;

namespace Ingest.LoadBenchmark.Runs;

/// <summary>
/// The order of the full-speed runs: the naive run once, then per batch size the ceiling and full runs in
/// <see cref="BenchmarkSettings.Rounds"/> rounds, interleaved so that a slow spell of the machine hits both patterns
/// rather than all rounds of one, and in turn first (ceiling r1, full r1, full r2, ceiling r2, ceiling r3, full r3, …) so
/// that whatever one run leaves behind (page cache, disk writeback) does not always fall on the same pattern. With
/// PostgreSQL among <see cref="BenchmarkSettings.Engines"/>, the 1,000-reading rounds also hold a full run per
/// <see cref="BenchmarkSettings.PostgresCollectors"/> entry, interleaved the same way (ceiling, full, full-pg1, full-pg2,
/// then back: full-pg2, full-pg1, full, ceiling, …), so that SQLite and PostgreSQL meet the same spells of the machine.
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

        foreach (var size in settings.BatchSizes)
        {
            var streamed = Streamed(settings, size);
            for (var round = 1; round <= settings.Rounds; round++)
            {
                foreach (var (pattern, setup) in round % 2 == 1 ? streamed : Enumerable.Reverse(streamed))
                {
                    yield return new PlannedRun(RunNames.Of(pattern, size, round, settings.Rounds, setup), pattern, size, round) { Setup = setup };
                }
            }
        }
    }

    /// <summary>The streamed runs of one round at <paramref name="size"/>, in first-round order.</summary>
    private static List<(LoadPattern Pattern, StorageSetup Setup)> Streamed(BenchmarkSettings settings, int size)
    {
        var runs = new List<(LoadPattern, StorageSetup)>();
        if (settings.Patterns.Contains(LoadPattern.Ceiling))
        {
            runs.Add((LoadPattern.Ceiling, StorageSetup.Sqlite));
        }

        if (settings.Patterns.Contains(LoadPattern.Full))
        {
            if (settings.Engines.Contains(StorageEngine.Sqlite))
            {
                runs.Add((LoadPattern.Full, StorageSetup.Sqlite));
            }

            if (settings.Engines.Contains(StorageEngine.Postgres) && size == BenchmarkSettings.PostgresBatchSize)
            {
                runs.AddRange(settings.PostgresCollectors.Select(collectors => (LoadPattern.Full, StorageSetup.Postgres(collectors))));
            }
        }

        return runs;
    }
}
