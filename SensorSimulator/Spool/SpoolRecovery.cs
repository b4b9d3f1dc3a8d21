using Microsoft.Extensions.Logging;

namespace Ingest.SensorSimulator.Spool;

/// <summary>
/// Reads a spool directory back at start: every segment, oldest first, every record's checksums. A torn
/// tail of the newest segment is cut off (a crash during an append; never an error); damage anywhere else
/// is skipped, counted and logged, and never stops the start.
/// </summary>
internal sealed class SpoolRecovery
{
    /// <summary>Per sensor, the newest record of every unsettled batch: a batch record, or a sealed-count one.</summary>
    private readonly Dictionary<string, SortedDictionary<ulong, SpoolRecord>> _unsettled = new(StringComparer.Ordinal);

    private SpoolRecovery(SpoolLedger ledger) => Ledger = ledger;

    /// <summary>The account of what was found, to write on from.</summary>
    public SpoolLedger Ledger { get; }

    /// <summary>The id after the newest segment found.</summary>
    public long NextSegmentId { get; private set; } = 1;

    /// <summary>Records (or runs of them) that failed their checksum and were skipped.</summary>
    public int CorruptRecords { get; private set; }

    /// <summary>Batches sealed and not settled, with their readings.</summary>
    public int UnsettledBatches => CountUnsettled(SpoolRecordKind.Batch);

    /// <summary>Batches sealed and not settled whose readings were not kept.</summary>
    public int UnkeptBatches => CountUnsettled(SpoolRecordKind.SealedCount);

    /// <summary>Reads every segment in <paramref name="directory"/>.</summary>
    public static async Task<SpoolRecovery> RecoverAsync(string directory, ILogger logger, CancellationToken cancellationToken)
    {
        var recovery = new SpoolRecovery(new SpoolLedger());
        var segments = Directory.EnumerateFiles(directory)
            .Select(path => SpoolFormat.TryParseSegmentFileName(Path.GetFileName(path), out var id) ? (Id: id, Path: path) : (Id: -1, Path: path))
            .Where(s => s.Id >= 0)
            .OrderBy(s => s.Id)
            .ToList();
        for (var i = 0; i < segments.Count; i++)
        {
            var (id, path) = segments[i];
            await recovery.ReadSegmentAsync(id, path, isLast: i == segments.Count - 1, logger, cancellationToken);
            recovery.NextSegmentId = id + 1;
        }

        return recovery;
    }

    /// <summary>What was recovered, per sensor: highest sequence, and unsettled and unkept batches in order.</summary>
    public Dictionary<string, RecoveredSensor> Sensors() =>
        Ledger.Sensors.Values.ToDictionary(
            s => s.SensorId,
            s =>
            {
                IEnumerable<SpoolRecord> records = _unsettled.TryGetValue(s.SensorId, out var held) ? held.Values : [];
                return new RecoveredSensor(
                    s.SensorId,
                    s.HighestSequence,
                    [.. records.Where(r => r.Kind == SpoolRecordKind.Batch).Select(r => r.Batch!)],
                    [.. records.Where(r => r.Kind == SpoolRecordKind.SealedCount).Select(r => (r.Sequence, r.ReadingCount))]);
            },
            StringComparer.Ordinal);

    private async Task ReadSegmentAsync(long id, string path, bool isLast, ILogger logger, CancellationToken cancellationToken)
    {
        byte[] data;
        SegmentScan scan;
        try
        {
            data = await File.ReadAllBytesAsync(path, cancellationToken);
            scan = SegmentScanner.Scan(data, isLast, path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // An unreadable file must not stop the simulator: what it held is lost, and said so.
            logger.SegmentUnreadable(ex, path);
            CorruptRecords++;
            return;
        }

        var length = (long)data.Length;
        if (scan.TornTailAt is { } tornAt)
        {
            length = Truncate(path, tornAt);
            logger.TornTailTruncated(path, data.Length - tornAt, tornAt);
        }

        foreach (var (offset, bytes) in scan.Corrupt)
        {
            logger.CorruptionSkipped(path, bytes, offset);
        }

        CorruptRecords += scan.Corrupt.Count;
        if (length == 0)
        {
            // A segment whose creation a crash cut off before its header: nothing to keep.
            File.Delete(path);
            return;
        }

        var segment = new SpoolSegment(id, path, length);
        Ledger.Added(segment);
        foreach (var record in scan.Records)
        {
            Apply(record, segment);
        }
    }

    private void Apply(SpoolRecord record, SpoolSegment segment)
    {
        var sensor = Ledger.Sensor(record.SensorId);
        sensor.Saw(record.Sequence, segment);
        switch (record.Kind)
        {
            case SpoolRecordKind.Batch or SpoolRecordKind.SealedCount:
                Ledger.Recovered(new SpooledBatch(sensor, record.Sequence, record.Length), segment, record.Offset);
                if (!_unsettled.TryGetValue(sensor.SensorId, out var batches))
                {
                    batches = [];
                    _unsettled.Add(sensor.SensorId, batches);
                }

                // A copy (from compaction, or a retried append): the newest one counts, as in the ledger.
                batches[record.Sequence] = record;
                break;
            case SpoolRecordKind.Settled:
                if (Ledger.Settle(sensor, record.Sequence) is { } settled)
                {
                    Ledger.SettlementDone(settled.SettleBytes);
                }

                if (_unsettled.TryGetValue(sensor.SensorId, out var held))
                {
                    held.Remove(record.Sequence);
                }

                break;
        }
    }

    private int CountUnsettled(SpoolRecordKind kind) => _unsettled.Values.Sum(s => s.Values.Count(r => r.Kind == kind));

    /// <summary>Cuts a torn tail off, durably, so that the segment reads clean once it is no longer the newest.</summary>
    private static long Truncate(string path, long length)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite);
        RandomAccess.SetLength(handle, length);
        RandomAccess.FlushToDisk(handle);
        return length;
    }
}
