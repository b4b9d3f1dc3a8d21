namespace Ingest.Collector.Chaos;

/// <summary>The <c>kind</c> tag of the <c>ingest.chaos.injections</c> metric.</summary>
internal static class ChaosKind
{
    public const string CommitFault = "commit_fault";

    public const string CommitLatency = "commit_latency";

    public const string AckDropped = "ack_dropped";

    public const string StreamAborted = "stream_aborted";
}
