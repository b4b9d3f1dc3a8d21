namespace Ingest.EndToEnd.Tests.Infrastructure;

/// <summary>The collector's periodic status log line (<c>Status: … readings/s, … duplicate, … queued, …</c>).</summary>
internal static class CollectorStatus
{
    /// <summary>The last status line the collector printed, or a note that it printed none.</summary>
    public static string Last(ManagedProcess collector)
    {
        ArgumentNullException.ThrowIfNull(collector);
        return collector.Lines.LastOrDefault(IsStatus) ?? "(no status line)";
    }

    public static bool IsStatus(string line) => line.Contains("Status: ", StringComparison.Ordinal) && line.Contains(" readings/s", StringComparison.Ordinal);
}
