using Grpc.Core;
using Ingest.LoadBenchmark.Measurement;
using Ingest.LoadBenchmark.Storage;

namespace Ingest.LoadBenchmark.Load;

/// <summary>The sensor tallies of one run, added up; the acks per sensor kept apart for the storage check.</summary>
internal sealed record RunTotals(
    long ReadingsInWindow,
    long BatchesInWindow,
    long ReadingsAcked,
    long BatchesAcked,
    long DuplicateBatches,
    long RejectedBatches,
    long Gaps,
    IReadOnlyDictionary<string, long> Errors,
    LatencyHistogram BatchLatency,
    LatencyHistogram CompletionToAck,
    IReadOnlyList<SensorAcks> Sensors)
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

        var batchLatency = new LatencyHistogram();
        var completionToAck = new LatencyHistogram();
        foreach (var tally in list)
        {
            batchLatency.Add(tally.BatchLatency);
            completionToAck.Add(tally.CompletionToAck);
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
            batchLatency,
            completionToAck,
            [.. list.Select(t => t.Acks)]);
    }

    /// <summary>A status as the report names it, e.g. ResourceExhausted.</summary>
    public static string StatusName(StatusCode status) => status.ToString();
}
