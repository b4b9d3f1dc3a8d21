namespace Ingest.Protocol;

/// <summary>The control channel's liveness rule, the same on both ends of the stream.</summary>
public static class ControlHeartbeat
{
    /// <summary>A control stream on which nothing was heard for this many heartbeat intervals is dropped.</summary>
    public const int SilentIntervals = 3;
}
