namespace Ingest.LoadBenchmark.Storage;

/// <summary>Whether a run's stored readings are exactly its acknowledged ones.</summary>
internal sealed record StorageVerdict(long AckedReadings, long AckedBatches, long StoredReadings, long StoredChunks, long DistinctChunks, bool Passed, string Detail)
{
    /// <summary>
    /// Compares what was stored with what was acknowledged: as many readings and chunks as acknowledged, and no
    /// (sensor, sequence) stored twice.
    /// </summary>
    public static StorageVerdict Compare(StoredTotals stored, long ackedReadings, long ackedBatches)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var problems = new List<string>();
        if (stored.Readings != ackedReadings)
        {
            problems.Add($"{stored.Readings:N0} readings stored but {ackedReadings:N0} acknowledged");
        }

        if (stored.Chunks != ackedBatches)
        {
            problems.Add($"{stored.Chunks:N0} batches stored but {ackedBatches:N0} acknowledged");
        }

        if (stored.DistinctChunks != stored.Chunks)
        {
            problems.Add($"{stored.Chunks - stored.DistinctChunks:N0} (sensor, sequence) stored more than once");
        }

        var passed = problems.Count == 0;
        var detail = passed ? $"{stored.Readings:N0} readings in {stored.Chunks:N0} batches, as acknowledged" : string.Join("; ", problems);
        return new StorageVerdict(ackedReadings, ackedBatches, stored.Readings, stored.Chunks, stored.DistinctChunks, passed, detail);
    }
}
