using Ingest.Collector.Aggregation;
using Ingest.Collector.Chaos;
using Ingest.Collector.Control;
using Ingest.Collector.Health;
using Microsoft.Extensions.Options;

namespace Ingest.Collector.Reporting;

/// <summary>Reads storage health, what chaos injected and the open control streams for the statistics.</summary>
internal sealed class CollectorConditionReader(
    StorageHealth health, ChaosMetrics chaos, IOptions<ChaosOptions> chaosOptions, ControlSessions sessions) : ICollectorCondition
{
    public CollectorCondition Read() => new(
        health.IsHealthy,
        StorageReason(),
        chaosOptions.Value.Enabled,
        [.. chaos.ByKind().OrderBy(pair => pair.Key, StringComparer.Ordinal)],
        sessions.Count);

    /// <summary>Why storage is not serving, as the health check says it, without the counts that change every commit.</summary>
    private string StorageReason() =>
        !health.IsOpen ? "storage is not open yet"
        : health.Failure is not { } failure ? ""
        : health.IsDamaged ? $"the database file is damaged: {failure.Message}"
        : $"storage writes fail: {failure.Message}";
}
