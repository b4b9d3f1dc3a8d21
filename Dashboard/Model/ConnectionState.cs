namespace Ingest.Dashboard.Model;

/// <summary>The dashboard's connection to the collector at <see cref="Address"/>.</summary>
/// <param name="Phase">Connecting, connected or reconnecting.</param>
/// <param name="Address">The collector's address.</param>
/// <param name="Collector">The collector last greeted; kept while reconnecting.</param>
/// <param name="SnapshotReceived">Whether the current stream's snapshot is complete.</param>
/// <param name="FailedAttempts">Attempts failed in a row since the last snapshot.</param>
/// <param name="NextAttemptAt">When the next attempt starts, while reconnecting.</param>
/// <param name="LastError">Why the last attempt failed, while reconnecting.</param>
internal sealed record ConnectionState(
    ConnectionPhase Phase,
    string Address,
    CollectorIdentity? Collector,
    bool SnapshotReceived,
    int FailedAttempts,
    DateTimeOffset? NextAttemptAt,
    string? LastError)
{
    public static ConnectionState Initial(string address) =>
        new(ConnectionPhase.Connecting, address, null, false, 0, null, null);
}
