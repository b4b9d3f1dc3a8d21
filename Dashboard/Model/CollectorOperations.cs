namespace Ingest.Dashboard.Model;

/// <summary>One collector process's operator figures, as its statistics carry them.</summary>
/// <param name="StorageServing">Storage takes writes; null when the collector does not say (an older collector).</param>
/// <param name="StorageReason">Why storage is not serving; empty while it serves.</param>
/// <param name="CommitLatencyP99">The 99th percentile of commit latency over <paramref name="CommitLatencySpan"/>; null when nothing was committed in it.</param>
/// <param name="CommitLatencySpan">How far back the percentile looks.</param>
/// <param name="CommitQueueDepth">Batches waiting for the commit pipeline.</param>
/// <param name="RefusedCalls">Calls and uploads refused since the collector started, by reason.</param>
/// <param name="ChaosEnabled">Collector:Chaos is on.</param>
/// <param name="ChaosInjections">What chaos injected since the collector started, by kind.</param>
/// <param name="ControlStreams">Open control streams.</param>
/// <param name="WorkingSetBytes">The collector process's working set.</param>
/// <param name="Gen0Collections">Garbage collections of generation 0 since start.</param>
/// <param name="Gen1Collections">Of generation 1.</param>
/// <param name="Gen2Collections">Of generation 2.</param>
/// <param name="GcPauseTotal">Time the process spent paused for garbage collection since start.</param>
internal sealed record CollectorOperations(
    bool? StorageServing,
    string StorageReason,
    TimeSpan? CommitLatencyP99,
    TimeSpan CommitLatencySpan,
    uint CommitQueueDepth,
    IReadOnlyList<KeyValuePair<string, ulong>> RefusedCalls,
    bool ChaosEnabled,
    IReadOnlyList<KeyValuePair<string, ulong>> ChaosInjections,
    uint ControlStreams,
    ulong WorkingSetBytes,
    ulong Gen0Collections,
    ulong Gen1Collections,
    ulong Gen2Collections,
    TimeSpan GcPauseTotal)
{
    public ulong RefusedTotal => RefusedCalls.Aggregate(0UL, (sum, pair) => sum + pair.Value);

    public ulong ChaosTotal => ChaosInjections.Aggregate(0UL, (sum, pair) => sum + pair.Value);
}
