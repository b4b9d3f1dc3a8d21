namespace Ingest.Dashboard.Model;

/// <summary>Where the dashboard's connection to the collector stands.</summary>
internal enum ConnectionPhase
{
    /// <summary>The first attempt is under way.</summary>
    Connecting,

    /// <summary>Greeted and subscribed; <see cref="ConnectionState.SnapshotReceived"/> says whether the snapshot is in.</summary>
    Connected,

    /// <summary>An attempt failed or the stream broke; the next attempt waits for its backoff.</summary>
    Reconnecting,
}
