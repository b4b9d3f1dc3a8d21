namespace Ingest.Dashboard.Feed;

/// <summary>How far the dashboard got with one collector, for a one-shot command's verdict.</summary>
/// <param name="Address">The collector's address.</param>
/// <param name="Greeted">Whether any attempt got as far as greeting it.</param>
/// <param name="SnapshotReceived">Whether a snapshot of it is complete.</param>
/// <param name="LastFailure">Why the last attempt failed; null when none did, or a later one got through.</param>
/// <param name="Stopped">Why its loop stopped for good (a refusal); null while it runs.</param>
internal sealed record CollectorProgress(string Address, bool Greeted, bool SnapshotReceived, string? LastFailure, Exception? Stopped)
{
    /// <summary>Whether the one-shot command has heard what it will hear of this collector: its snapshot, a failure or a refusal.</summary>
    public bool Settled => SnapshotReceived || LastFailure is not null || Stopped is not null;
}
