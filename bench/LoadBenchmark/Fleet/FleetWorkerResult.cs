using Ingest.LoadBenchmark.Storage;

namespace Ingest.LoadBenchmark.Fleet;

/// <summary>What one fleet worker process reports when told to stop: its sensors' tally, written as JSON to the file it was given.</summary>
internal sealed record FleetWorkerResult
{
    public int Sensors { get; init; }

    /// <summary>Sensors welcomed at least once on their control stream.</summary>
    public long EverWelcomed { get; init; }

    /// <summary>Sensors connected (control stream open) when the measured window ended.</summary>
    public long ConnectedAtEnd { get; init; }

    /// <summary>The fewest sensors connected at any moment of the measured window.</summary>
    public long MinConnectedInWindow { get; init; }

    /// <summary>Failed calls by status name, over the whole run.</summary>
    public IReadOnlyDictionary<string, long> Errors { get; init; } = new Dictionary<string, long>();

    /// <summary>Failed calls by status name, inside the measured window.</summary>
    public IReadOnlyDictionary<string, long> WindowErrors { get; init; } = new Dictionary<string, long>();

    public long BatchesInWindow { get; init; }

    public long ReadingsInWindow { get; init; }

    public long ControlStreamsEnded { get; init; }

    public long ConfigUpdatesApplied { get; init; }

    public long DuplicateBatches { get; init; }

    public long RejectedBatches { get; init; }

    /// <summary>Failed calls by status between the mark and its end (a collector restart's storm).</summary>
    public IReadOnlyDictionary<string, long> StormErrors { get; init; } = new Dictionary<string, long>();

    /// <summary>Per sensor, seconds from the mark to its first welcome by the restarted collector; null when none before the end of the mark.</summary>
    public IReadOnlyList<double?> StormWelcomedSeconds { get; init; } = [];

    /// <summary>Per sensor, seconds from the mark to its first ack from the restarted collector; null when none before the end of the mark.</summary>
    public IReadOnlyList<double?> StormAckedSeconds { get; init; } = [];

    /// <summary>Per sensor: the highest sequence acknowledged and the readings its acks reported.</summary>
    public IReadOnlyList<SensorAcks> Acked { get; init; } = [];

    /// <summary>Why stopping went wrong (sensors that did not stop in time); null when it went well.</summary>
    public string? Failure { get; init; }
}
