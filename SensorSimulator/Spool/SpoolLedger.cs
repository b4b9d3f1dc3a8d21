namespace Ingest.SensorSimulator.Spool;

/// <summary>
/// The spool's account of its sensors, segments and bytes. Not thread-safe on its own: every member is
/// used under <see cref="Gate"/>.
/// <para>
/// Bytes counted against the bound (<see cref="UsedBytes"/>): the segment files, batch records queued for
/// writing, and the settlement record every unsettled batch will need, reserved when it is appended — so
/// that settling, the only way space comes back, never waits for space.
/// </para>
/// </summary>
internal sealed class SpoolLedger
{
    private TaskCompletionSource _roomChanged = NewSignal();

    /// <summary>The lock over everything here.</summary>
    public Lock Gate { get; } = new();

    /// <summary>Every sensor the spool has a record of, by id.</summary>
    public Dictionary<string, SpoolSensor> Sensors { get; } = new(StringComparer.Ordinal);

    /// <summary>The segment files, oldest first; the newest is the one being written.</summary>
    public List<SpoolSegment> Segments { get; } = [];

    /// <summary>The bytes of every segment file.</summary>
    public long FileBytes { get; private set; }

    /// <summary>The record bytes of the unsettled batches written.</summary>
    public long LiveBytes { get; private set; }

    /// <summary>Batch record bytes queued and not written yet.</summary>
    public long QueuedBytes { get; private set; }

    /// <summary>The bytes reserved for settlement records not written yet.</summary>
    public long ReservedBytes { get; private set; }

    /// <summary>What counts against the bound.</summary>
    public long UsedBytes => FileBytes + QueuedBytes + ReservedBytes;

    /// <summary>Completes the next time space comes back (or the spool closes).</summary>
    public Task RoomChanged => _roomChanged.Task;

    /// <summary>The sensor <paramref name="sensorId"/>, known from now on.</summary>
    public SpoolSensor Sensor(string sensorId)
    {
        if (!Sensors.TryGetValue(sensorId, out var sensor))
        {
            sensor = new SpoolSensor(sensorId);
            Sensors.Add(sensorId, sensor);
        }

        return sensor;
    }

    /// <summary>Takes a batch in: queued for writing, unsettled from now on.</summary>
    public SpooledBatch Admit(SpoolSensor sensor, ulong sequence, int recordBytes)
    {
        var batch = new SpooledBatch(sensor, sequence, recordBytes);
        sensor.Live.Add(sequence, batch);
        QueuedBytes += recordBytes;
        ReservedBytes += batch.SettleBytes;
        return batch;
    }

    /// <summary>A batch read back at start: unsettled, with its settlement reserved.</summary>
    public void Recovered(SpooledBatch batch, SpoolSegment segment, long offset)
    {
        if (batch.Sensor.Live.Remove(batch.Sequence, out var older))
        {
            // A copy (from compaction, or a retried append): the newest copy is the one that counts.
            Unplace(older);
            ReservedBytes -= older.SettleBytes;
        }

        batch.Sensor.Live.Add(batch.Sequence, batch);
        ReservedBytes += batch.SettleBytes;
        Place(batch, segment, offset);
    }

    /// <summary>A queued batch's record is written and durable at <paramref name="offset"/> of <paramref name="segment"/>.</summary>
    public void Written(SpooledBatch batch, SpoolSegment segment, long offset)
    {
        QueuedBytes -= batch.RecordBytes;
        batch.Sensor.Saw(batch.Sequence, segment);
        if (IsLive(batch))
        {
            Place(batch, segment, offset);
        }
    }

    /// <summary>A queued batch's record could not be made durable: it is neither kept nor unsettled.</summary>
    public void Failed(SpooledBatch batch)
    {
        QueuedBytes -= batch.RecordBytes;
        if (IsLive(batch))
        {
            batch.Sensor.Live.Remove(batch.Sequence);
            ReservedBytes -= batch.SettleBytes;
        }

        Pulse();
    }

    /// <summary>Settles a batch; null when it is not unsettled here.</summary>
    public SpooledBatch? Settle(SpoolSensor sensor, ulong sequence)
    {
        if (!sensor.Live.Remove(sequence, out var batch))
        {
            return null;
        }

        Unplace(batch);
        return batch;
    }

    /// <summary>A settlement record of <paramref name="bytes"/> was written, or lost with a failed write: its reserve is used up.</summary>
    public void SettlementDone(int bytes) => ReservedBytes -= bytes;

    /// <summary>A batch's copy was written to <paramref name="segment"/>: it counts there from now on, if still unsettled.</summary>
    public void Moved(SpooledBatch batch, SpoolSegment from, SpoolSegment segment, long offset)
    {
        if (!IsLive(batch) || batch.Segment != from)
        {
            return;
        }

        Unplace(batch);
        Place(batch, segment, offset);
        if (batch.Sensor.HighestSequence == batch.Sequence)
        {
            batch.Sensor.Saw(batch.Sequence, segment);
        }
    }

    /// <summary>Bytes were appended to <paramref name="segment"/>.</summary>
    public void Grew(SpoolSegment segment, long bytes)
    {
        segment.Bytes += bytes;
        FileBytes += bytes;
    }

    /// <summary>A segment file was created, or found at start.</summary>
    public void Added(SpoolSegment segment)
    {
        Segments.Add(segment);
        FileBytes += segment.Bytes;
    }

    /// <summary>A segment's length is known again after a failed write.</summary>
    public void Resized(SpoolSegment segment, long bytes)
    {
        FileBytes += bytes - segment.Bytes;
        segment.Bytes = bytes;
        Pulse();
    }

    /// <summary>A segment file was deleted: its space is back.</summary>
    public void Removed(SpoolSegment segment)
    {
        Segments.Remove(segment);
        FileBytes -= segment.Bytes;
        foreach (var batch in segment.Live)
        {
            batch.Segment = null;
        }

        Pulse();
    }

    /// <summary>Wakes every append waiting for room, to look again.</summary>
    public void Pulse()
    {
        var changed = _roomChanged;
        _roomChanged = NewSignal();
        changed.TrySetResult();
    }

    private static bool IsLive(SpooledBatch batch) =>
        batch.Sensor.Live.TryGetValue(batch.Sequence, out var live) && ReferenceEquals(live, batch);

    private void Place(SpooledBatch batch, SpoolSegment segment, long offset)
    {
        batch.Segment = segment;
        batch.Offset = offset;
        segment.Live.Add(batch);
        segment.LiveBytes += batch.RecordBytes;
        LiveBytes += batch.RecordBytes;
    }

    private void Unplace(SpooledBatch batch)
    {
        if (batch.Segment is not { } segment)
        {
            return;
        }

        segment.Live.Remove(batch);
        segment.LiveBytes -= batch.RecordBytes;
        LiveBytes -= batch.RecordBytes;
        batch.Segment = null;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
