namespace Ingest.SensorSimulator.Spool;

/// <summary>What reading one segment file found.</summary>
internal sealed class SegmentScan
{
    /// <summary>Every record that checked out, in file order.</summary>
    public List<SpoolRecord> Records { get; } = [];

    /// <summary>Damaged stretches skipped (offset, bytes): each is one corrupt record or run of them.</summary>
    public List<(long Offset, long Bytes)> Corrupt { get; } = [];

    /// <summary>
    /// Where the records end when the last segment ends in a record cut off by a crash (to be truncated
    /// there); null when the file ends cleanly.
    /// </summary>
    public long? TornTailAt { get; set; }

    /// <summary>The segment header is missing or damaged (its records are read all the same).</summary>
    public bool HeaderDamaged { get; set; }
}
