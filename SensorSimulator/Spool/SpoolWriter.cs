using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace Ingest.SensorSimulator.Spool;

/// <summary>
/// The spool's single writer, on a thread of its own (its file calls block). It takes every write waiting
/// in the queue as one group, writes the group with one gathered write at the end of the head segment and,
/// when the group holds a batch, makes it durable with one fsync shared by every append waiting (group
/// commit); settlement records ride along unsynced. After each group it gives space back: it deletes the
/// oldest segment once it holds no unsettled batch — carrying each sensor's highest sequence forward first —
/// and, when the spool is within a segment of its bound, compacts an oldest segment that is at most half
/// unsettled by copying its unsettled batches to the head.
/// </summary>
internal sealed class SpoolWriter
{
    private const int MaxGroupWrites = 1024;
    private const long MaxGroupBytes = 8 * 1024 * 1024;

    private readonly string _directory;
    private readonly SpoolLedger _ledger;
    private readonly ChannelReader<SpoolWrite> _queue;
    private readonly Action _reclaimTaken;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly long _segmentBytes;
    private readonly long _maxBytes;
    private readonly List<SpoolWrite> _group = [];
    private readonly List<(SpoolWrite Write, SpoolSegment Segment, long Offset)> _placed = [];
    private readonly List<ReadOnlyMemory<byte>> _staged = [];
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextSegmentId;
    private SpoolSegment? _head;
    private SafeFileHandle? _headFile;
    private long _headLength;
    private long _stagedEnd;
    private bool _unsynced;
    private long _fsyncs;
    private long _fsyncTicks;
    private long _appends;
    private long _compacted;
    private long _corrupt;

    public SpoolWriter(
        string directory, SpoolLedger ledger, long nextSegmentId, SpoolOptions options, ChannelReader<SpoolWrite> queue,
        Action reclaimTaken, TimeProvider timeProvider, ILogger logger)
    {
        (_directory, _ledger, _nextSegmentId, _queue, _reclaimTaken, _timeProvider, _logger) =
            (directory, ledger, nextSegmentId, queue, reclaimTaken, timeProvider, logger);
        _segmentBytes = options.SegmentBytes;
        _maxBytes = options.MaxBytes;
    }

    /// <summary>Completes when the queue is completed and everything in it is written.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Fsyncs done (of segment files and, when one is created, the directory).</summary>
    public long Fsyncs => Interlocked.Read(ref _fsyncs);

    /// <summary>Time spent in fsync.</summary>
    public TimeSpan FsyncTime => TimeSpan.FromTicks(Interlocked.Read(ref _fsyncTicks));

    /// <summary>Batches made durable.</summary>
    public long Appends => Interlocked.Read(ref _appends);

    /// <summary>Unsettled batches copied forward by compaction.</summary>
    public long CompactedBatches => Interlocked.Read(ref _compacted);

    /// <summary>Damaged records found while compacting (not copied).</summary>
    public long CorruptRecords => Interlocked.Read(ref _corrupt);

    /// <summary>Starts the writer thread.</summary>
    public void Start() => new Thread(Run) { IsBackground = true, Name = "Ingest spool writer" }.Start();

    private void Run()
    {
        try
        {
            while (WaitForWork())
            {
                TakeGroup();
                WriteGroup();
                Reclaim();
            }

            FinishHead();
        }
        catch (Exception ex)
        {
            // Nothing above throws by design; should a defect, the appends queued fail instead of hanging.
            _logger.WriteFailed(ex, _directory, 0);
            while (_queue.TryRead(out var write))
            {
                write.Durable?.TrySetException(ex);
            }

            _completion.TrySetException(ex);
            return;
        }

        _completion.TrySetResult();
    }

    private bool WaitForWork()
    {
        var wait = _queue.WaitToReadAsync(CancellationToken.None);
        return wait.IsCompletedSuccessfully ? wait.Result : wait.AsTask().GetAwaiter().GetResult();
    }

    private void TakeGroup()
    {
        _group.Clear();
        long bytes = 0;
        while (_group.Count < MaxGroupWrites && bytes < MaxGroupBytes && _queue.TryRead(out var write))
        {
            if (write.Kind == SpoolWriteKind.Reclaim)
            {
                _reclaimTaken();
                continue;
            }

            _group.Add(write);
            bytes += write.Length;
        }
    }

    private void WriteGroup()
    {
        if (_group.Count == 0)
        {
            return;
        }

        _placed.Clear();
        try
        {
            var durable = false;
            foreach (var write in _group)
            {
                var (segment, offset) = Stage(write.Record);
                _placed.Add((write, segment, offset));
                durable |= write.Kind == SpoolWriteKind.Batch;
            }

            FlushStaged();
            if (durable)
            {
                Sync();
            }
        }
        catch (Exception ex)
        {
            FailGroup(ex);
            return;
        }
        finally
        {
            foreach (var write in _group)
            {
                write.Release();
            }
        }

        var appended = 0;
        lock (_ledger.Gate)
        {
            foreach (var (write, segment, offset) in _placed)
            {
                if (write.Batch is { } batch)
                {
                    _ledger.Written(batch, segment, offset);
                    appended++;
                }
                else
                {
                    _ledger.SettlementDone(write.Length);
                }
            }
        }

        Interlocked.Add(ref _appends, appended);
        foreach (var write in _group)
        {
            write.Durable?.TrySetResult();
        }
    }

    /// <summary>
    /// A failed write or fsync fails every append of the group (the caller may append the batch again) and
    /// leaves the head segment as it is: what the failed write left in it is not trusted, and the next write
    /// goes to a new segment.
    /// </summary>
    private void FailGroup(Exception exception)
    {
        var batches = _group.Count(w => w.Batch is not null);
        _logger.WriteFailed(exception, _directory, batches);
        AbandonHead();
        lock (_ledger.Gate)
        {
            foreach (var write in _group)
            {
                if (write.Batch is { } batch)
                {
                    _ledger.Failed(batch);
                }
                else
                {
                    _ledger.SettlementDone(write.Length);
                }
            }
        }

        var failure = new IOException($"The spool {_directory} could not make the batch durable: {exception.Message}", exception);
        foreach (var write in _group)
        {
            write.Durable?.TrySetException(failure);
        }
    }

    /// <summary>Gives space back: deletes, or compacts then deletes, the oldest segment while it can.</summary>
    private void Reclaim()
    {
        try
        {
            while (true)
            {
                SpoolSegment oldest;
                List<(SpooledBatch Batch, long Offset, int Bytes)>? compact = null;
                lock (_ledger.Gate)
                {
                    if (_ledger.Segments.Count == 0 || _ledger.Segments[0] == _head)
                    {
                        return;
                    }

                    oldest = _ledger.Segments[0];
                    if (oldest.Live.Count > 0)
                    {
                        var used = _ledger.UsedBytes;
                        if (used <= _maxBytes - _segmentBytes
                            || oldest.LiveBytes * 2 > oldest.Bytes
                            || used + oldest.LiveBytes > _maxBytes)
                        {
                            return;
                        }

                        compact = [.. oldest.Live.Select(b => (b, b.Offset, b.RecordBytes)).OrderBy(b => b.Offset)];
                    }
                }

                if (compact is not null)
                {
                    Compact(oldest, compact);
                }

                Delete(oldest);
            }
        }
        catch (Exception ex)
        {
            // Space comes back later; the spool goes on. A half-written head is not trusted.
            _logger.ReclaimFailed(ex, _directory);
            if (_staged.Count > 0 || _unsynced)
            {
                AbandonHead();
            }
        }
    }

    private void Compact(SpoolSegment oldest, List<(SpooledBatch Batch, long Offset, int Bytes)> live)
    {
        var copies = new List<(SpooledBatch Batch, SpoolSegment Segment, long Offset)>(live.Count);
        long bytes = 0;
        using (var source = File.OpenHandle(oldest.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            foreach (var (batch, offset, length) in live)
            {
                var record = new byte[length];
                var read = 0;
                while (read < length)
                {
                    var n = RandomAccess.Read(source, record.AsSpan(read), offset + read);
                    if (n == 0)
                    {
                        break;
                    }

                    read += n;
                }

                if (read < length || SpoolFormat.CheckRecord(record) != length)
                {
                    Interlocked.Increment(ref _corrupt);
                    _logger.CorruptionSkipped(oldest.Path, length, offset);
                    continue;
                }

                var (segment, at) = Stage(record);
                copies.Add((batch, segment, at));
                bytes += length;
            }
        }

        FlushStaged();
        Sync();
        lock (_ledger.Gate)
        {
            foreach (var (batch, segment, offset) in copies)
            {
                _ledger.Moved(batch, oldest, segment, offset);
            }
        }

        Interlocked.Add(ref _compacted, copies.Count);
        _logger.SegmentCompacted(oldest.Path, copies.Count, bytes);
    }

    /// <summary>
    /// Deletes the oldest segment, which holds no unsettled batch. Settlement records in it are about
    /// batches in it or in segments deleted before it, so they go with it; each sensor's highest sequence
    /// whose newest record is in it is carried forward first, durably.
    /// </summary>
    private void Delete(SpoolSegment oldest)
    {
        var carried = new List<(SpoolSensor Sensor, ulong Sequence, SpoolSegment Segment)>();
        List<(SpoolSensor Sensor, ulong Sequence)> highest;
        lock (_ledger.Gate)
        {
            highest = [.. _ledger.Sensors.Values.Where(s => s.HighestSegment == oldest).Select(s => (s, s.HighestSequence))];
        }

        foreach (var (sensor, sequence) in highest)
        {
            var record = new byte[SpoolFormat.SmallRecordBytes(sensor.IdBytes.Length, sequence)];
            SpoolFormat.WriteSmall(record, SpoolRecordKind.HighWater, sensor.IdBytes, sequence);
            var (segment, _) = Stage(record);
            carried.Add((sensor, sequence, segment));
        }

        if (carried.Count > 0)
        {
            FlushStaged();
            Sync();
        }

        File.Delete(oldest.Path);
        lock (_ledger.Gate)
        {
            foreach (var (sensor, sequence, segment) in carried)
            {
                sensor.Saw(sequence, segment);
            }

            _ledger.Removed(oldest);
        }

        _logger.SegmentDeleted(oldest.Path, oldest.Bytes);
    }

    /// <summary>Places a record at the end of the head segment, starting a new segment when it would outgrow its size.</summary>
    private (SpoolSegment Segment, long Offset) Stage(ReadOnlyMemory<byte> record)
    {
        if (_headFile is null)
        {
            OpenHead();
        }
        else if (_stagedEnd + record.Length > _segmentBytes && _stagedEnd > SpoolFormat.SegmentHeaderBytes)
        {
            FlushStaged();
            Sync();
            _headFile.Dispose();
            _headFile = null;
            _head = null;
            OpenHead();
        }

        var offset = _stagedEnd;
        _staged.Add(record);
        _stagedEnd += record.Length;
        return (_head!, offset);
    }

    private void FlushStaged()
    {
        if (_staged.Count == 0)
        {
            return;
        }

        RandomAccess.Write(_headFile!, _staged, _headLength);
        _staged.Clear();
        _unsynced = true;
        var written = _stagedEnd - _headLength;
        _headLength = _stagedEnd;
        lock (_ledger.Gate)
        {
            _ledger.Grew(_head!, written);
        }
    }

    private void Sync()
    {
        if (!_unsynced)
        {
            return;
        }

        var started = _timeProvider.GetTimestamp();
        RandomAccess.FlushToDisk(_headFile!);
        Interlocked.Add(ref _fsyncTicks, _timeProvider.GetElapsedTime(started).Ticks);
        Interlocked.Increment(ref _fsyncs);
        _unsynced = false;
    }

    /// <summary>Creates the next segment: header written and fsynced, and the directory fsynced so that the file survives.</summary>
    private void OpenHead()
    {
        var id = _nextSegmentId++;
        var path = Path.Combine(_directory, SpoolFormat.SegmentFileName(id));
        var file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read);
        try
        {
            RandomAccess.Write(file, SpoolFormat.SegmentHeader(id), 0);
            RandomAccess.FlushToDisk(file);
            DirectorySync.Flush(_directory);
            Interlocked.Add(ref _fsyncs, 2);
        }
        catch
        {
            file.Dispose();
            File.Delete(path);
            throw;
        }

        _headFile = file;
        _head = new SpoolSegment(id, path, SpoolFormat.SegmentHeaderBytes);
        _headLength = _stagedEnd = SpoolFormat.SegmentHeaderBytes;
        _unsynced = false;
        lock (_ledger.Gate)
        {
            _ledger.Added(_head);
        }
    }

    /// <summary>Stops writing to the head after a failure; its length is what the file says.</summary>
    private void AbandonHead()
    {
        _staged.Clear();
        _unsynced = false;
        if (_headFile is null || _head is null)
        {
            return;
        }

        long length;
        try
        {
            length = RandomAccess.GetLength(_headFile);
        }
        catch (IOException)
        {
            length = _headLength;
        }

        lock (_ledger.Gate)
        {
            _ledger.Resized(_head, length);
        }

        _headFile.Dispose();
        _headFile = null;
        _head = null;
    }

    /// <summary>At close: settlement records written since the last fsync are made durable too.</summary>
    private void FinishHead()
    {
        if (_headFile is null)
        {
            return;
        }

        try
        {
            FlushStaged();
            Sync();
        }
        catch (IOException ex)
        {
            // Settlements not synced are at worst batches resent after a restart.
            _logger.WriteFailed(ex, _directory, 0);
        }

        _headFile.Dispose();
        _headFile = null;
    }
}
