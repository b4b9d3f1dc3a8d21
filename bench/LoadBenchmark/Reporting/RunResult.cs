using System.Globalization;
using System.Text.Json.Serialization;
using Ingest.LoadBenchmark.Load;
using Ingest.LoadBenchmark.Measurement;
using Ingest.LoadBenchmark.Storage;

namespace Ingest.LoadBenchmark.Reporting;

/// <summary>
/// The figures of one (pattern, batch size) run, each on a fresh collector, and whether they can support a
/// verdict (<see cref="Problem"/>).
/// </summary>
internal sealed record RunResult
{
    /// <summary>The share of its rate limit a rate-limited run must reach for its latency to count as measured at that load.</summary>
    public const double MinShareOfRateLimit = 0.95;

    /// <summary>Lines of the collector's log kept in the report when it exited during the run.</summary>
    public const int LogTailLines = 30;

    /// <summary>
    /// E.g. <c>full-1000-r2</c>, <c>ceiling-1000</c> (with one round), <c>naive</c>, <c>half-load-1000</c>; also the name
    /// of the collector's log file (see <see cref="Runs.RunNames"/>).
    /// </summary>
    public required string Name { get; init; }

    /// <summary>Which of the repeated runs of its (pattern, batch size) this is, from 1; 1 for runs made once (naive, half load).</summary>
    public int Round { get; init; } = 1;

    public required LoadPattern Pattern { get; init; }

    /// <summary>The storage engine of the run's collectors: SQLite but for the PostgreSQL rows.</summary>
    public StorageEngine Engine { get; init; } = StorageEngine.Sqlite;

    /// <summary>How many collectors the run drove, on one database (more than one only on PostgreSQL).</summary>
    public int Collectors { get; init; } = 1;

    /// <summary><see cref="Engine"/> and <see cref="Collectors"/> together.</summary>
    [JsonIgnore]
    public StorageSetup Setup => new(Engine, Collectors);

    /// <summary>Readings per batch; null for the naive pattern, where batch size does not apply (one reading per call).</summary>
    public int? BatchSize { get; init; }

    /// <summary>The readings/s the run was limited to (the half-load run); null when it ran at full speed.</summary>
    public double? RateLimitReadingsPerSecond { get; init; }

    /// <summary>Where <see cref="RateLimitReadingsPerSecond"/> came from, e.g. <c>half of full-1000's 12,000,000 readings/s</c>.</summary>
    public string? RateLimitBasis { get; init; }

    /// <summary>Batches per stream; null for naive (one reading per call).</summary>
    public int? WindowBatches { get; init; }

    public int Sensors { get; init; }

    public double Seconds { get; init; }

    /// <summary>Readings acknowledged (durably, for full and naive) by acks that arrived in the measured interval.</summary>
    public long ReadingsAcked { get; init; }

    public long BatchesAcked { get; init; }

    public double ReadingsPerSecond { get; init; }

    public double BatchesPerSecond { get; init; }

    /// <summary>Ack latency per batch, from its write to the ack that covers it (per call for naive), of acks in the measured interval.</summary>
    public LatencySummary Latency { get; init; } = LatencySummary.None;

    /// <summary>Per stream, from completing the request stream to its ack; no samples for naive.</summary>
    public LatencySummary CompletionToAck { get; init; } = LatencySummary.None;

    /// <summary>The collector's and the benchmark's CPU and memory over the measured interval.</summary>
    public ProcessFigures Process { get; init; } = ProcessFigures.None;

    /// <summary>RPC errors by status name.</summary>
    public IReadOnlyDictionary<string, long> Errors { get; init; } = new Dictionary<string, long>();

    public long DuplicateBatches { get; init; }

    public long RejectedBatches { get; init; }

    /// <summary>Sequence gaps the collector reported (batches it never received).</summary>
    public long Gaps { get; init; }

    /// <summary>Acknowledged over the whole run (warm-up and drain included): what storage must hold.</summary>
    public long TotalReadingsAcked { get; init; }

    public long TotalBatchesAcked { get; init; }

    /// <summary>The storage check; null for the ceiling, which stores nothing.</summary>
    public StorageVerdict? Storage { get; init; }

    /// <summary>Why the run could not be done or finished badly (e.g. the collector did not start or exited); null when it ran.</summary>
    public string? Failure { get; init; }

    /// <summary>The end of the collector's log when it exited during the run; empty otherwise.</summary>
    public IReadOnlyList<string> CollectorLogTail { get; init; } = [];

    /// <summary>RPC errors, duplicates, rejects, gaps or a failure: the table says so.</summary>
    public bool HasErrors => ErrorParts.Count > 0 || Failure is not null;

    /// <summary>RPC errors by status, duplicates, rejects and gaps, as the report lists them.</summary>
    public IReadOnlyList<string> ErrorParts => ErrorText.Parts(Errors, DuplicateBatches, RejectedBatches, Gaps);

    /// <summary>
    /// Why this run's figures cannot support a verdict, e.g. <c>errors: Unavailable ×2</c>: it failed, had RPC
    /// errors (or duplicates, rejects, gaps), acknowledged nothing in the measured interval, failed its storage
    /// check, or, rate-limited, reached less than <see cref="MinShareOfRateLimit"/> of its limit. Null when none of these.
    /// A run with a problem makes the report fail.
    /// </summary>
    public string? Problem
    {
        get
        {
            var problems = new List<string>();
            if (Failure is not null)
            {
                problems.Add("failed: " + Failure);
            }

            if (ErrorParts is { Count: > 0 } errors)
            {
                problems.Add("errors: " + string.Join(", ", errors));
            }

            if (ReadingsAcked == 0)
            {
                problems.Add("no readings acknowledged in the measured interval");
            }

            if (StorageMismatch)
            {
                problems.Add("storage check failed: " + Storage!.Detail);
            }

            if (RateLimitReadingsPerSecond is { } limit && ReadingsPerSecond < MinShareOfRateLimit * limit)
            {
                problems.Add(string.Format(
                    CultureInfo.InvariantCulture,
                    "reached {0:N0} of the {1:N0} readings/s it was limited to ({2:P0}; at least {3:P0} needed)",
                    ReadingsPerSecond,
                    limit,
                    ReadingsPerSecond / limit,
                    MinShareOfRateLimit));
            }

            return problems.Count == 0 ? null : string.Join("; ", problems);
        }
    }

    /// <summary>A storage check ran and found a mismatch.</summary>
    public bool StorageMismatch => Storage is { Passed: false };
}
