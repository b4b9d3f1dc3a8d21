using System.Buffers;
using System.ComponentModel.DataAnnotations;
using System.Threading.Channels;
using Ingest.SensorSimulator.Model;
using Microsoft.Extensions.Logging;

namespace Ingest.SensorSimulator.Spool;

/// <summary>
/// The durable spool of one simulator process, shared by all its sensors: every sealed batch is appended
/// to a checksummed, append-only segment file and fsynced before it counts as kept, so that a process
/// killed at any moment loses no batch it had sealed; the next process recovers every batch not settled
/// and resends it with its original sequence. Format: <see cref="SpoolFormat"/>.
/// <para>
/// With <see cref="SpoolOptions.KeepReadings"/> off, a batch is kept as its sequence and reading count only, made
/// durable and settled the same way: the next process cannot resend it, but reports it lost, so that the loss is
/// counted (<see cref="RecoveredSensor.Unkept"/>). Records of both kinds may share a spool whose setting changed.
/// </para>
/// <para>
/// Appends from every sensor go through one writer that shares one fsync among all appends waiting
/// (<see cref="SpoolWriter"/>). Settlements (<see cref="MarkSettled"/>) are written with the next group and
/// synced with the next fsync or at <see cref="DisposeAsync"/>: one lost to a power cut only means a batch
/// resent, which the collector recognises as a duplicate.
/// </para>
/// <para>
/// Bounded by <see cref="SpoolOptions.MaxMegabytes"/>. Space comes back a segment at a time, when the
/// oldest segment holds no unsettled batch, so a batch that stays unsettled (a sensor that is never
/// acknowledged) holds its segment and, behind it, every newer one. Once the spool is within a segment of
/// its bound, an oldest segment that is at most half unsettled is compacted: its unsettled batches are
/// copied to the head and it is deleted. A spool full of unsettled batches is full for good reason: appends
/// wait (<see cref="AppendAsync"/>) or report no room (<see cref="TryAppendAsync"/>) until batches are settled.
/// </para>
/// </summary>
internal sealed class SensorSpool : IAsyncDisposable
{
    private readonly SpoolLedger _ledger;
    private readonly SpoolWriter _writer;
    private readonly Channel<SpoolWrite> _queue;
    private readonly FileStream _lock;
    private readonly ILogger _logger;
    private readonly long _appendLimit;
    private readonly Dictionary<string, RecoveredSensor> _recovered;
    private readonly bool _keepReadings;
    private int _reclaimQueued;
    private bool _disposed;

    private SensorSpool(
        string directory, SpoolOptions options, SpoolRecovery recovery, FileStream lockFile, TimeProvider timeProvider, ILogger logger)
    {
        Directory = directory;
        _ledger = recovery.Ledger;
        _lock = lockFile;
        _logger = logger;
        _recovered = recovery.Sensors();
        RecoveredBatches = recovery.UnsettledBatches;
        RecoveredUnkeptBatches = recovery.UnkeptBatches;
        _keepReadings = options.KeepReadings;
        RecoveredCorruptRecords = recovery.CorruptRecords;

        // Half a segment is kept from appends, for compaction to copy into.
        _appendLimit = options.MaxBytes - (options.SegmentBytes / 2);
        // Not bounded by a count: every append is admitted only within the spool's byte budget (MaxMegabytes), and every
        // settlement record has its room reserved by the append before it, so what waits here is bounded by that budget.
        _queue = Channel.CreateUnbounded<SpoolWrite>(new UnboundedChannelOptions { SingleReader = true });
        _writer = new SpoolWriter(
            directory, _ledger, recovery.NextSegmentId, options, _queue.Reader,
            () => Volatile.Write(ref _reclaimQueued, 0), timeProvider, logger);
    }

    /// <summary>The spool directory.</summary>
    public string Directory { get; }

    /// <summary>Batches sealed and not settled that the spool found when it was opened, with their readings.</summary>
    public int RecoveredBatches { get; }

    /// <summary>Batches sealed and not settled that the spool found when it was opened, kept as a reading count only.</summary>
    public int RecoveredUnkeptBatches { get; }

    /// <summary>Damaged records skipped: when the spool was opened, and since while compacting.</summary>
    public long CorruptRecords => RecoveredCorruptRecords + _writer.CorruptRecords;

    /// <summary>Batches made durable since the spool was opened.</summary>
    public long Appends => _writer.Appends;

    /// <summary>Fsyncs since the spool was opened: fewer than <see cref="Appends"/> when appends share them.</summary>
    public long Fsyncs => _writer.Fsyncs;

    /// <summary>Time spent in fsync since the spool was opened.</summary>
    public TimeSpan FsyncTime => _writer.FsyncTime;

    /// <summary>Unsettled batches copied forward by compaction since the spool was opened.</summary>
    public long CompactedBatches => _writer.CompactedBatches;

    /// <summary>The record bytes of the batches written and not settled.</summary>
    public long LiveBytes => Read(l => l.LiveBytes);

    /// <summary>The bytes of the segment files.</summary>
    public long DiskBytes => Read(l => l.FileBytes);

    /// <summary>What counts against the bound: the segment files, batches queued, and the settlement records reserved.</summary>
    public long UsedBytes => Read(l => l.UsedBytes);

    /// <summary>The segment files.</summary>
    public int Segments => Read(l => l.Segments.Count);

    /// <summary>The sensors recovered at open that have not been taken yet (<see cref="TakeRecovered"/>).</summary>
    public IReadOnlyCollection<string> RecoveredSensorIds
    {
        get
        {
            lock (_ledger.Gate)
            {
                return [.. _recovered.Keys];
            }
        }
    }

    private int RecoveredCorruptRecords { get; }

    /// <summary>
    /// Opens the spool in <see cref="SpoolOptions.Path"/> (creating the directory), takes its lock, and reads
    /// back every segment. A torn tail is cut off; damaged records are skipped, counted and logged.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another process uses the spool, or no spool is configured.</exception>
    /// <exception cref="ValidationException">The options are not valid.</exception>
    public static async Task<SensorSpool> OpenAsync(
        SpoolOptions options, TimeProvider timeProvider, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        if (!options.Enabled)
        {
            throw new InvalidOperationException($"No spool is configured: {SpoolOptions.PathSetting} is empty.");
        }

        var directory = Path.GetFullPath(options.Path);
        System.IO.Directory.CreateDirectory(directory);
        var lockFile = SpoolLock.Acquire(directory);
        SensorSpool spool;
        try
        {
            var recovery = await SpoolRecovery.RecoverAsync(directory, logger, cancellationToken);
            spool = new SensorSpool(directory, options, recovery, lockFile, timeProvider, logger);
        }
        catch
        {
            await lockFile.DisposeAsync();
            throw;
        }

        spool._writer.Start();
        spool.RequestReclaim();
        logger.Opened(directory, spool.Segments, spool.DiskBytes / (1024.0 * 1024), spool._recovered.Count,
            spool.RecoveredBatches, spool.RecoveredUnkeptBatches, spool.RecoveredCorruptRecords);
        return spool;
    }

    /// <summary>
    /// What the spool recovered for <paramref name="sensorId"/> at open: its highest sealed sequence and its
    /// unsettled and unkept batches, handed over once (later calls return no batches). A sensor the spool does not know
    /// has highest sequence 0 and no batches.
    /// </summary>
    public RecoveredSensor TakeRecovered(string sensorId)
    {
        ArgumentNullException.ThrowIfNull(sensorId);
        lock (_ledger.Gate)
        {
            if (_recovered.Remove(sensorId, out var recovered))
            {
                return recovered;
            }

            return new RecoveredSensor(sensorId, HighestSequenceLocked(sensorId), [], []);
        }
    }

    /// <summary>The highest sequence the spool has written for <paramref name="sensorId"/>, settled or not; 0 when none.</summary>
    public ulong HighestSequence(string sensorId)
    {
        ArgumentNullException.ThrowIfNull(sensorId);
        lock (_ledger.Gate)
        {
            return HighestSequenceLocked(sensorId);
        }
    }

    /// <summary>
    /// Appends a sealed batch (its readings, or with <see cref="SpoolOptions.KeepReadings"/> off its reading count only)
    /// and returns once it is durable (written and fsynced), waiting first while the
    /// spool has no room (the Block policy). Sequences of one sensor must increase. Cancelling gives up the
    /// wait; a batch already queued may still become durable, and then counts as unsettled.
    /// </summary>
    /// <exception cref="ArgumentException">The sequence is not above every sequence of the sensor kept so far, or the batch can never fit.</exception>
    /// <exception cref="IOException">The batch could not be written or synced; it may be appended again.</exception>
    public async ValueTask AppendAsync(string sensorId, SealedBatch batch, CancellationToken cancellationToken) =>
        await AppendCoreAsync(sensorId, batch, waitForRoom: true, cancellationToken);

    /// <summary>
    /// Appends a sealed batch if the spool has room for it now, and returns true once it is durable; returns
    /// false at once when there is no room. With the DropOldest policy the caller then drops its oldest
    /// never-sent batch, calls <see cref="MarkSettled"/> for it, and tries again or waits with
    /// <see cref="AppendAsync"/>: space comes back once the oldest segment holds no unsettled batch.
    /// </summary>
    /// <inheritdoc cref="AppendAsync" path="/exception"/>
    public ValueTask<bool> TryAppendAsync(string sensorId, SealedBatch batch, CancellationToken cancellationToken) =>
        AppendCoreAsync(sensorId, batch, waitForRoom: false, cancellationToken);

    /// <summary>
    /// The batch left the sensor's buffer (acknowledged, rejected, lost or dropped): it is not to be resent.
    /// Its settlement record is written with the next group, without an fsync of its own. Returns false when
    /// the batch is not unsettled in the spool (never appended, settled already, or the spool is closed).
    /// </summary>
    public bool MarkSettled(string sensorId, ulong sequence)
    {
        ArgumentNullException.ThrowIfNull(sensorId);
        lock (_ledger.Gate)
        {
            if (_disposed
                || !_ledger.Sensors.TryGetValue(sensorId, out var sensor)
                || _ledger.Settle(sensor, sequence) is not { } settled)
            {
                return false;
            }

            var record = new byte[settled.SettleBytes];
            SpoolFormat.WriteSmall(record, SpoolRecordKind.Settled, sensor.IdBytes, sequence);
            _queue.Writer.TryWrite(SpoolWrite.ForSettlement(record));
            return true;
        }
    }

    /// <summary>Writes what is queued, syncs the settlements, and releases the lock for the next process.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_ledger.Gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _queue.Writer.TryComplete();
            _ledger.Pulse();
        }

        try
        {
            await _writer.Completion;
        }
        finally
        {
            _logger.Closed(Directory, Appends, Fsyncs, LiveBytes);
            await _lock.DisposeAsync();
        }
    }

    private async ValueTask<bool> AppendCoreAsync(string sensorId, SealedBatch batch, bool waitForRoom, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sensorId);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentOutOfRangeException.ThrowIfZero(batch.Sequence);
        cancellationToken.ThrowIfCancellationRequested();
        SpoolSensor sensor;
        lock (_ledger.Gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_writer.Completion.IsFaulted)
            {
                // The writer stopped on a defect: an append queued now would wait for ever.
                throw new IOException($"The spool {Directory} stopped writing: {_writer.Completion.Exception?.InnerException?.Message}");
            }

            sensor = _ledger.Sensor(sensorId);
        }

        var write = Encode(sensor, batch);
        try
        {
            if (write.Length + SpoolFormat.SmallRecordBytes(sensor.IdBytes.Length, batch.Sequence) > _appendLimit)
            {
                throw new ArgumentException(
                    $"A batch record of {write.Length} bytes can never fit in the spool; raise {SpoolOptions.SectionName}:MaxMegabytes.",
                    nameof(batch));
            }

            if (!await AdmitAsync(sensor, batch.Sequence, write, waitForRoom, cancellationToken))
            {
                write.Release();
                return false;
            }
        }
        catch
        {
            write.Release();
            throw;
        }

        await write.Durable!.Task.WaitAsync(cancellationToken);
        return true;
    }

    /// <summary>The record that keeps <paramref name="batch"/>: all of it, or its reading count only.</summary>
    private SpoolWrite Encode(SpoolSensor sensor, SealedBatch batch)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(_keepReadings
            ? SpoolFormat.MaxBatchRecordBytes(sensor.IdBytes.Length, batch.Count)
            : SpoolFormat.SealedCountRecordBytes(sensor.IdBytes.Length, batch.Sequence, batch.Count));
        var length = _keepReadings
            ? SpoolFormat.WriteBatch(buffer, sensor.IdBytes, batch)
            : SpoolFormat.WriteSealedCount(buffer, sensor.IdBytes, batch.Sequence, batch.Count);
        return SpoolWrite.ForBatch(buffer, length);
    }

    /// <summary>Counts the batch in and queues it once there is room; false when there is none and the caller does not wait.</summary>
    private async ValueTask<bool> AdmitAsync(SpoolSensor sensor, ulong sequence, SpoolWrite write, bool waitForRoom, CancellationToken cancellationToken)
    {
        var settleBytes = SpoolFormat.SmallRecordBytes(sensor.IdBytes.Length, sequence);
        while (true)
        {
            Task roomChanged;
            lock (_ledger.Gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (sequence <= sensor.HighestSequence || sensor.Live.ContainsKey(sequence))
                {
                    throw new ArgumentException(
                        $"Sensor {sensor.SensorId} already spooled sequence {Math.Max(sequence, sensor.HighestSequence)}; sequences must increase.",
                        nameof(sequence));
                }

                if (_ledger.UsedBytes + write.Length + settleBytes <= _appendLimit)
                {
                    write.Batch = _ledger.Admit(sensor, sequence, write.Length);
                    _queue.Writer.TryWrite(write);
                    return true;
                }

                if (!waitForRoom)
                {
                    RequestReclaim();
                    return false;
                }

                roomChanged = _ledger.RoomChanged;
            }

            RequestReclaim();
            await roomChanged.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Asks the writer to give space back (once, until it has looked).</summary>
    private void RequestReclaim()
    {
        if (Interlocked.Exchange(ref _reclaimQueued, 1) == 0)
        {
            _queue.Writer.TryWrite(SpoolWrite.Reclaim());
        }
    }

    private ulong HighestSequenceLocked(string sensorId) =>
        _ledger.Sensors.TryGetValue(sensorId, out var sensor) ? sensor.HighestSequence : 0;

    private T Read<T>(Func<SpoolLedger, T> read)
    {
        lock (_ledger.Gate)
        {
            return read(_ledger);
        }
    }
}
