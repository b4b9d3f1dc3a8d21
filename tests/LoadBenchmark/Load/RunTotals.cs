using Grpc.Core;

namespace Ingest.LoadBenchmark.Load;

/// <summary>The sensor tallies of one run, added up.</summary>
internal sealed record RunTotals(
    long ReadingsInWindow,
    long BatchesInWindow,
    long ReadingsAcked,
    long BatchesAcked,
    long DuplicateBatches,
    long RejectedBatches,
    long Gaps,
    IReadOnlyDictionary<string, long> Errors,
    IReadOnlyList<double> LatenciesMs)
{
    public static RunTotals Sum(IEnumerable<SensorTally> tallies)
    {
        ArgumentNullException.ThrowIfNull(tallies);
        var list = tallies.ToList();
        var errors = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (status, count) in list.SelectMany(tally => tally.Errors))
        {
            var name = StatusName(status);
            errors[name] = errors.GetValueOrDefault(name) + count;
        }

        return new RunTotals(
            list.Sum(t => t.ReadingsInWindow),
            list.Sum(t => t.BatchesInWindow),
            list.Sum(t => t.ReadingsAcked),
            list.Sum(t => t.BatchesAcked),
            list.Sum(t => t.DuplicateBatches),
            list.Sum(t => t.RejectedBatches),
            list.Sum(t => t.Gaps),
            errors,
            [.. list.SelectMany(t => t.LatenciesMs)]);
    }

    /// <summary>A status as the report names it, e.g. ResourceExhausted.</summary>
    public static string StatusName(StatusCode status) => status.ToString();
}
