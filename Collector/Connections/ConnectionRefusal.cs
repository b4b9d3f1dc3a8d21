namespace Ingest.Collector.Connections;

/// <summary>Why a connection was not admitted (<paramref name="Reason"/>, a metric tag) and what its first call is told.</summary>
internal sealed record ConnectionRefusal(string Reason, string Message, TimeSpan RetryAfter)
{
    public const string Budget = "budget";

    public const string PerAddress = "per_address";

    public const string AcceptRate = "accept_rate";

    public const string Memory = "memory";

    public const string GcPause = "gc_pause";

    public const string SchedulingDelay = "scheduling_delay";
}
