namespace Ingest.SensorSimulator.Spool;

/// <summary>One segment file as the spool keeps account of it. Changed only under the spool's lock.</summary>
internal sealed class SpoolSegment(long id, string path, long bytes)
{
    /// <summary>The segment id, increasing with every new segment.</summary>
    public long Id { get; } = id;

    /// <summary>The file's path.</summary>
    public string Path { get; } = path;

    /// <summary>The file's length: its header and every record written to it.</summary>
    public long Bytes { get; set; } = bytes;

    /// <summary>The unsettled batches whose newest copy lies in this segment.</summary>
    public HashSet<SpooledBatch> Live { get; } = [];

    /// <summary>The record bytes of <see cref="Live"/>.</summary>
    public long LiveBytes { get; set; }
}
