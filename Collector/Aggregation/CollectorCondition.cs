namespace Ingest.Collector.Aggregation;

/// <summary>The collector's condition beyond the aggregates, as <see cref="ICollectorCondition"/> reads it.</summary>
/// <param name="StorageServing">Storage takes writes (grpc.health serving); null when unknown.</param>
/// <param name="StorageReason">Why storage is not serving; empty while it serves.</param>
/// <param name="ChaosEnabled">Collector:Chaos is on.</param>
/// <param name="ChaosInjections">What chaos injected since start, by kind, ordered by kind.</param>
/// <param name="ControlStreams">Open control streams.</param>
internal sealed record CollectorCondition(
    bool? StorageServing,
    string StorageReason,
    bool ChaosEnabled,
    IReadOnlyList<KeyValuePair<string, long>> ChaosInjections,
    int ControlStreams)
{
    public static CollectorCondition Unknown { get; } = new(null, "", false, [], 0);

    /// <summary>True when every figure equals <paramref name="other"/>'s.</summary>
    public bool SameAs(CollectorCondition other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return this with { ChaosInjections = other.ChaosInjections } == other && ChaosInjections.SequenceEqual(other.ChaosInjections);
    }
}
