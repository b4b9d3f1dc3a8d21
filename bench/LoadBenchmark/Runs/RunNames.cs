using Ingest.LoadBenchmark.Load;

namespace Ingest.LoadBenchmark.Runs;

/// <summary>The names of the throughput runs, which are also the names of their collectors' log files.</summary>
internal static class RunNames
{
    /// <summary>
    /// E.g. <c>ceiling-1000-r2</c> for the second of several rounds, <c>ceiling-1000</c> when each run is made once
    /// (<paramref name="rounds"/> 1).
    /// </summary>
    public static string Of(LoadPattern pattern, int batchSize, int round, int rounds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(round, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(round, rounds);
        var name = $"{pattern.ToString().ToLowerInvariant()}-{batchSize}";
        return rounds == 1 ? name : $"{name}-r{round}";
    }
}
