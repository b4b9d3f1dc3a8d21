namespace Ingest.Collector.Tests.TestDoubles;

/// <summary>How long a test waits for a condition before it fails; never a time to sleep.</summary>
internal static class TestDeadline
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
}
