namespace Ingest.Collector.Control;

/// <summary>
/// What a sensor said on its control streams since the collector started: the configuration it runs, the
/// last version it rejected and why, whether a stream is open, when it was last heard, and its last status.
/// </summary>
internal sealed record ReportedConfig(
    long Version,
    string Hash,
    long RejectedVersion,
    string RejectionReason,
    bool Connected,
    DateTimeOffset? LastSeen,
    StatusReport? Status)
{
    public static ReportedConfig None { get; } = new(0, "", 0, "", false, null, null);

    /// <summary>Sampling is stopped according to the last status.</summary>
    public bool Paused => Status?.Stopped ?? false;
}
