using System.ComponentModel.DataAnnotations;

namespace Ingest.Collector.Diagnostics;

/// <summary>How often refusals and rejections of one reason may be logged. Section <c>Collector:RefusalLog</c>.</summary>
internal sealed class RefusalLogOptions
{
    public const string SectionName = "Collector:RefusalLog";

    /// <summary>
    /// The least time between two log lines of one reason (rejected batches, refused uploads, refused queries, …); each
    /// line counts what happened since the one before. Default: 10 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);
}
