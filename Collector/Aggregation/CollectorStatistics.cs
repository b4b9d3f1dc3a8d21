namespace Ingest.Collector.Aggregation;

/// <summary>Totals across sensors and the collector's own state, as published to subscribers.</summary>
internal sealed record CollectorStatistics(
    DateTimeOffset At,
    double ReadingsPerSecond,
    long ReadingsCommitted,
    long BatchesCommitted,
    long DuplicateBatches,
    long RejectedBatches,
    long LostBatches,
    long LateReadings,
    int SensorsConnected,
    int Subscribers,
    string CollectorInstanceId,
    string CollectorVersion,
    int SensorsLive,
    int SensorsStale,
    int SensorsOffline)
{
    /// <summary>The 99th percentile of commit latency over <see cref="CommitLatencySpan"/>; null when nothing was committed in it.</summary>
    public TimeSpan? CommitLatencyP99 { get; init; }

    public TimeSpan CommitLatencySpan { get; init; }

    /// <summary>Batches waiting for the commit pipeline.</summary>
    public int CommitQueueDepth { get; init; }

    /// <summary>Calls and uploads refused since start, by reason, ordered by reason.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> RefusedCalls { get; init; } = [];

    public CollectorCondition Condition { get; init; } = CollectorCondition.Unknown;

    /// <summary>Memory and GC: they change all the time, so alone they are published at most every few seconds.</summary>
    public ProcessFigures Process { get; init; } = ProcessFigures.None;

    /// <summary>True when everything but the time of measurement and the process figures is the same as in <paramref name="other"/>.</summary>
    public bool SameFiguresAs(CollectorStatistics? other) =>
        other is not null &&
        this with { At = other.At, Process = other.Process, RefusedCalls = other.RefusedCalls, Condition = other.Condition } == other &&
        RefusedCalls.SequenceEqual(other.RefusedCalls) &&
        Condition.SameAs(other.Condition);
}
