using Ingest.SensorSimulator.Buffering;
using Ingest.SensorSimulator.Configuration;
using Ingest.SensorSimulator.Model;
using Ingest.SensorSimulator.Signals;

namespace Ingest.SensorSimulator.Sampling;

/// <summary>
/// One sensor's sampling loop: wakes every max(SamplingInterval, 20 ms), generates every reading due since
/// the last one at its scheduled time, and seals batches into the buffer by count or by age. It follows the
/// sensor's <see cref="LiveConfiguration"/>, waking at once when it changes: a new interval restarts the
/// schedule from now, a new batch size or age applies to the open batch, and a pause, a disabling
/// configuration or a flush seals the open batch. Readings already sampled are never lost or re-timed.
/// </summary>
internal sealed class Sampler
{
    /// <summary>The shortest time between two wake-ups; faster sampling generates several readings per wake-up.</summary>
    public static readonly TimeSpan MinimumTick = TimeSpan.FromMilliseconds(20);

    private readonly LiveConfiguration _live;
    private readonly BatchAssembler _assembler;
    private readonly UnackedBuffer _buffer;
    private readonly SignalGenerator _signal;
    private readonly SensorCounters _counters;
    private readonly TimeProvider _time;
    private SensorConfigValues _applied;
    private SamplingSchedule? _schedule;
    private PeriodicTimer? _timer;
    private bool _sampling;
    private long _flushesDone;
    private ulong _nextSequence;

    public Sampler(
        LiveConfiguration live,
        UnackedBuffer buffer,
        SignalGenerator signal,
        SensorCounters counters,
        TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(live);
        _live = live;
        _applied = live.Settings;
        _assembler = new BatchAssembler(_applied.BatchSize, _applied.BatchMaxAge);
        _buffer = buffer;
        _signal = signal;
        _counters = counters;
        _time = time;
    }

    /// <summary>Readings in the open batch.</summary>
    public int OpenReadings => _assembler.Count;

    /// <summary>The sequence the next sealed batch gets.</summary>
    public ulong NextSequence => _nextSequence;

    /// <summary>Readings are being sampled: the configuration enables sampling and no pause command holds it.</summary>
    public bool IsSampling => Volatile.Read(ref _sampling);

    /// <summary>Starts the schedule now; the first batch sealed gets <paramref name="firstSequence"/>.</summary>
    public void Start(ulong firstSequence)
    {
        ArgumentOutOfRangeException.ThrowIfZero(firstSequence);
        _nextSequence = firstSequence;
        _applied = _live.Settings;
        _assembler.Resize(_applied.BatchSize, _applied.BatchMaxAge);
        _schedule = new SamplingSchedule(_applied.SamplingInterval, _time.GetUtcNow());
        _flushesDone = _live.FlushRequests;
        Volatile.Write(ref _sampling, _applied.Enabled && !_live.Paused);
    }

    /// <summary>Samples until <paramref name="cancellationToken"/> is cancelled; the open batch is left open.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TickFor(_applied.SamplingInterval), _time);
        _timer = timer;
        try
        {
            Task<bool>? tick = null;
            while (true)
            {
                // Taken before the configuration is read, so that no change is missed.
                var changed = _live.WhenChanged;
                await SampleDueAsync(cancellationToken);
                tick ??= timer.WaitForNextTickAsync(cancellationToken).AsTask();
                if (await Task.WhenAny(tick, changed) == tick)
                {
                    if (!await tick)
                    {
                        return;
                    }

                    tick = null;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the caller seals the open batch.
        }
        finally
        {
            _timer = null;
        }
    }

    /// <summary>
    /// Generates every reading due by now, applies what changed in the live configuration, and seals the open
    /// batch when it is full or old enough.
    /// </summary>
    public async ValueTask SampleDueAsync(CancellationToken cancellationToken)
    {
        if (_schedule is null)
        {
            throw new InvalidOperationException("The sampler has not been started.");
        }

        // Readings due until now belong to the settings in force until now.
        if (_sampling)
        {
            await TakeDueAsync(_time.GetUtcNow(), cancellationToken);
        }

        await ApplyChangesAsync(cancellationToken);
        if (_sampling && _assembler.IsExpired(_time.GetUtcNow()))
        {
            await SealAndResumeAsync(cancellationToken);
        }
    }

    /// <summary>Seals the open batch, if it holds any reading, into the buffer (waiting for room if need be).</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_assembler.Count > 0)
        {
            await SealAsync(cancellationToken);
        }
    }

    private async ValueTask TakeDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        while (_schedule!.TryTakeDue(now, out var due))
        {
            _assembler.Add(due, _signal.Next(due));
            _counters.AddSampled(1);
            if (_assembler.IsFull && await SealAndResumeAsync(cancellationToken))
            {
                return;
            }
        }
    }

    private async ValueTask ApplyChangesAsync(CancellationToken cancellationToken)
    {
        var settings = _live.Settings;
        if (settings != _applied)
        {
            var previous = _applied;
            _applied = settings;
            if (settings.SamplingInterval != previous.SamplingInterval)
            {
                // Aligned to the new interval from now, strictly after the last reading taken (which may be
                // due exactly now), so no two readings share a timestamp; what was sampled keeps its times.
                var start = _time.GetUtcNow();
                if (_schedule is { } old && old.Next - previous.SamplingInterval is var lastTaken && start <= lastTaken)
                {
                    start = lastTaken + TimeSpan.FromTicks(1);
                }

                _schedule = new SamplingSchedule(settings.SamplingInterval, start);
                _timer?.Period = TickFor(settings.SamplingInterval);
            }

            _assembler.Resize(settings.BatchSize, settings.BatchMaxAge);
            if (_assembler.IsFull)
            {
                await SealAndResumeAsync(cancellationToken);
            }
        }

        var sample = settings.Enabled && !_live.Paused;
        if (sample != _sampling)
        {
            Volatile.Write(ref _sampling, sample);
            if (sample)
            {
                // Readings due while stopped never existed.
                _schedule!.RestartAt(_time.GetUtcNow());
            }
            else
            {
                // Stopped: what is open is sealed, so that it is uploaded.
                await FlushAsync(cancellationToken);
            }
        }

        var flushes = _live.FlushRequests;
        if (flushes != _flushesDone)
        {
            _flushesDone = flushes;
            if (_assembler.Count > 0)
            {
                await SealAndResumeAsync(cancellationToken);
            }
        }
    }

    /// <summary>Seals the open batch; when that had to wait for room, the readings due meanwhile are skipped.</summary>
    private async ValueTask<bool> SealAndResumeAsync(CancellationToken cancellationToken)
    {
        if (!await SealAsync(cancellationToken))
        {
            return false;
        }

        // Sampling waited for room: the readings due meanwhile are not sampled.
        _schedule!.RestartAt(_time.GetUtcNow());
        return true;
    }

    private async ValueTask<bool> SealAsync(CancellationToken cancellationToken)
    {
        // The open batch is cleared only once the buffer holds its sealed copy, so that a cancelled wait
        // loses nothing: the readings stay open (and counted as unacked) and can be sealed again.
        var batch = _assembler.Seal(_nextSequence);
        var waited = await _buffer.AddAsync(batch, cancellationToken);
        _assembler.Clear();
        _counters.RecordSealed(batch.Sequence);
        _nextSequence++;
        return waited;
    }

    private static TimeSpan TickFor(TimeSpan interval) => interval > MinimumTick ? interval : MinimumTick;
}
