using Ingest.LoadBenchmark.Load;

namespace Ingest.LoadBenchmark.Runs;

/// <summary>The names of the throughput runs, which are also the names of their collectors' log files.</summary>
internal static class RunNames
{
    /// <summary>
    /// E.g. <c>ceiling-1000-r2</c> for the second of several rounds, <c>ceiling-1000</c> when each run is made once
    /// (<paramref name="rounds"/> 1), <c>full-1000-pg2-r1</c> for two collectors on PostgreSQL (<paramref name="setup"/>).
    /// </summary>
    public static string Of(LoadPattern pattern, int batchSize, int round, int rounds, StorageSetup? setup = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(round, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(round, rounds);
        var name = $"{pattern.ToString().ToLowerInvariant()}-{batchSize}{setup?.NameSuffix}";
        return rounds == 1 ? name : $"{name}-r{round}";
    }
}
