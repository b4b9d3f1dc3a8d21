using System.ComponentModel.DataAnnotations;

namespace Ingest.Collector.Storage;

/// <summary>The embedded SQLite store. Section <c>Collector:Storage</c>.</summary>
internal sealed class StorageOptions
{
    public const string SectionName = "Collector:Storage";

    /// <summary>The database file, relative to the working directory. Default: data/ingest.db.</summary>
    [Required]
    public string Path { get; set; } = "data/ingest.db";

    /// <summary>Batches committed together in one transaction (one fsync) at most. Default: 512.</summary>
    [Range(1, 100_000)]
    public int MaxBatchesPerCommit { get; set; } = 512;

    /// <summary>Batches waiting for commit across all streams; when full, streams wait. Default: 4,096.</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacityBatches { get; set; } = 4096;
}
