using System.ComponentModel.DataAnnotations;

namespace Ingest.Collector.Query;

/// <summary>
/// The budget of stored-reading queries (<c>Query.ReadReadings</c>): how many may be open, how much each holds, and how
/// long a reply may wait for its client. Section <c>Collector:Query</c>; read anew for every call, so edits take effect
/// for the next query.
/// </summary>
internal sealed class QueryOptions
{
    public const string SectionName = "Collector:Query";

    /// <summary>Queries open at once, whoever asks; one more gets ResourceExhausted with a retry hint. Default: 32.</summary>
    [Range(1, 100_000)]
    public int MaxOpenQueries { get; set; } = 32;

    /// <summary>
    /// Queries one key holds open at once (a call without a key counts by its remote address); one more gets
    /// ResourceExhausted with a retry hint, so that one key cannot take the whole budget. Default: 8.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxOpenQueriesPerKey { get; set; } = 8;

    /// <summary>
    /// Decoded readings one query reads from storage at a time, in bytes (16 per reading): a page ends at whichever
    /// comes first, this or 64 chunks, and holds at least one chunk (at most <c>MaxReadingsPerBatch</c> readings).
    /// Default: 1 MiB.
    /// </summary>
    [Range(16 * 1024, 256 * 1024 * 1024)]
    public int MaxPageBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// How long one reply may wait for its client to take it (HTTP/2 flow control); a client that does not read
    /// for this long has its query ended with DeadlineExceeded and everything the query held released. Default: 30 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan WriteTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Readings a page holds at most: <see cref="MaxPageBytes"/> at 16 bytes each.</summary>
    public int MaxPageReadings => MaxPageBytes / StoredReadingBytes;

    /// <summary>What one decoded reading takes: its timestamp and value, 8 bytes each.</summary>
    public const int StoredReadingBytes = 16;
}
