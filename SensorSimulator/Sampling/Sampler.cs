using Ingest.SensorSimulator.Buffering;
using Ingest.SensorSimulator.Sensors;
using Ingest.SensorSimulator.Signals;

namespace Ingest.SensorSimulator.Sampling;

/// <summary>
/// One sensor's sampling loop: wakes every max(SamplingInterval, 20 ms), generates every reading due since
/// the last one at its scheduled time, and seals batches into the buffer by count or by age.
/// </summary>
internal sealed class Sampler
{
    /// <summary>The shortest time between two wake-ups; faster sampling generates several readings per wake-up.</summary>
    public static readonly TimeSpan MinimumTick = TimeSpan.FromMilliseconds(20);

    private readonly TimeSpan _interval;
    private readonly BatchAssembler _assembler;
    private readonly UnackedBuffer _buffer;
    private readonly SignalGenerator _signal;
    private readonly SensorCounters _counters;
    private readonly TimeProvider _time;
    private SamplingSchedule? _schedule;
    private ulong _nextSequence;

    public Sampler(
        TimeSpan interval,
        BatchAssembler assembler,
        UnackedBuffer buffer,
        SignalGenerator signal,
        SensorCounters counters,
        TimeProvider time)
    {
        _interval = interval;
        _assembler = assembler;
        _buffer = buffer;
        _signal = signal;
        _counters = counters;
        _time = time;
    }

    /// <summary>Readings in the open batch.</summary>
    public int OpenReadings => _assembler.Count;

    /// <summary>The sequence the next sealed batch gets.</summary>
    public ulong NextSequence => _nextSequence;

    /// <summary>Starts the schedule now; the first batch sealed gets <paramref name="firstSequence"/>.</summary>
    public void Start(ulong firstSequence)
    {
        ArgumentOutOfRangeException.ThrowIfZero(firstSequence);
        _nextSequence = firstSequence;
        _schedule = new SamplingSchedule(_interval, _time.GetUtcNow());
    }

    /// <summary>Samples until <paramref name="cancellationToken"/> is cancelled; the open batch is left open.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var tick = _interval > MinimumTick ? _interval : MinimumTick;
        using var timer = new PeriodicTimer(tick, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await SampleDueAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the caller seals the open batch.
        }
    }

    /// <summary>Generates every reading due by now and seals the open batch when it is full or old enough.</summary>
    public async ValueTask SampleDueAsync(CancellationToken cancellationToken)
    {
        var schedule = _schedule ?? throw new InvalidOperationException("The sampler has not been started.");
        var now = _time.GetUtcNow();
        while (schedule.TryTakeDue(now, out var due))
        {
            _assembler.Add(due, _signal.Next(due));
            _counters.AddSampled(1);
            if (_assembler.IsFull && await SealAsync(cancellationToken))
            {
                // Sampling waited for room: the readings due meanwhile are not sampled.
                schedule.RestartAt(_time.GetUtcNow());
                return;
            }
        }

        if (_assembler.IsExpired(now) && await SealAsync(cancellationToken))
        {
            schedule.RestartAt(_time.GetUtcNow());
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
}
