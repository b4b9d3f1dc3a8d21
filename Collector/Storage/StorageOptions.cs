using System.ComponentModel.DataAnnotations;

namespace Ingest.Collector.Storage;

/// <summary>Where the collector keeps what it stores: the embedded SQLite file, or a PostgreSQL database. Section <c>Collector:Storage</c>.</summary>
internal sealed class StorageOptions : IValidatableObject
{
    public const string SectionName = "Collector:Storage";

    /// <summary>
    /// The storage engine: <c>Sqlite</c>, one file beside one collector (the default), or <c>Postgres</c>, one database
    /// that several collectors share (<see cref="ConnectionString"/>). Default: Sqlite.
    /// </summary>
    public StorageEngine Engine { get; set; } = StorageEngine.Sqlite;

    /// <summary>
    /// The PostgreSQL database, with <see cref="Engine"/> = Postgres, as an Npgsql connection string, e.g.
    /// <c>Host=127.0.0.1;Port=5432;Database=ingest;Username=ingest;Password=…</c>. Unused with SQLite.
    /// </summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The SQLite database file, relative to the working directory. Default: data/ingest.db.</summary>
    [Required]
    public string Path { get; set; } = "data/ingest.db";

    /// <summary>Batches committed together in one transaction (one fsync) at most. Default: 512.</summary>
    [Range(1, 100_000)]
    public int MaxBatchesPerCommit { get; set; } = 512;

    /// <summary>
    /// SQLite's page cache for the writing connection: the index pages every commit updates stay in memory instead
    /// of being read back from the file. Default: 64 MiB.
    /// </summary>
    [Range(1, 16_384)]
    public int CacheSizeMegabytes { get; set; } = 64;

    /// <summary>
    /// How much the write-ahead log holds before it is copied into the database file (a checkpoint, which writes
    /// each page changed since the last one once, and syncs the file). A larger log means fewer checkpoints and
    /// fewer copies of the index pages that every commit rewrites; it is the disk space the log takes, and what
    /// a restart after a crash reads back. Default: 64 MiB.
    /// </summary>
    [Range(1, 16_384)]
    public int CheckpointWalMegabytes { get; set; } = 64;

    /// <summary>Batches waiting for commit across all streams; when full, streams wait. Default: 4,096.</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacityBatches { get; set; } = 4096;

    /// <summary>
    /// While storage writes fail, how often the collector tries to bring them back by itself: it checkpoints the
    /// write-ahead log (copies it into the database file and truncates it, returning its space to the file system —
    /// on a full disk the log has grown into the last free space, and the automatic checkpoint, which comes only after
    /// a successful commit, never does), then makes a real write of 1 MiB that it undoes in the same transaction.
    /// When that write succeeds, health serves again. While writes succeed, as often it checks that the log has not
    /// grown to half the free disk space, and checkpoints early when it has. Default: 1 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan RecoveryInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long the start-up integrity check (<c>PRAGMA quick_check</c>, which reads every page of the file) may take.
    /// A damaged file is refused with a message that says how to recover it; a check that runs out of time lets the
    /// collector start with a warning that the rest of the file was not checked. Measured on this machine class at
    /// start, on a 961 MiB file of 440,000 chunks: 0.5 s with the file in the page cache, 4.6 s from a cold disk (about
    /// 210 MB/s), so the default checks about 6 GB from a cold disk, and far more from a warm one. Zero skips
    /// quick_check; a file cut short (not a whole number of pages) is still refused. Default: 30 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan IntegrityCheckTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Engine == StorageEngine.Postgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult(
                "Collector:Storage:ConnectionString is empty, but Collector:Storage:Engine is Postgres: give the database to use, e.g. Host=127.0.0.1;Port=5432;Database=ingest;Username=ingest",
                [nameof(ConnectionString)]);
        }

        if (!Enum.IsDefined(Engine))
        {
            yield return new ValidationResult($"Collector:Storage:Engine must be Sqlite or Postgres, not {Engine}", [nameof(Engine)]);
        }
    }
}
