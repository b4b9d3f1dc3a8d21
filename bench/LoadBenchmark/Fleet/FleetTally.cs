using System.Collections.Concurrent;
using Grpc.Core;

namespace Ingest.LoadBenchmark.Fleet;

/// <summary>
/// What one fleet worker's sensors saw, shared between their tasks: connected control streams, errors by status
/// (whole run and inside the measured window), what was acknowledged inside the window, and per sensor the highest
/// acknowledged sequence and the readings its acks reported committed, for the storage check; and, between the fleet run's
/// <c>mark</c> and <c>end-mark</c>, a collector restart's <see cref="Storm"/>.
/// </summary>
internal sealed class FleetTally
{
    private readonly ConcurrentDictionary<string, long> _errors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _windowErrors = new(StringComparer.Ordinal);
    private readonly long[] _ackedSequence;
    private readonly long[] _readingsAcked;
    private int _measuring;
    private long _connected;
    private long _everWelcomed;
    private long _controlStreamsEnded;
    private long _configUpdatesApplied;
    private long _batchesInWindow;
    private long _readingsInWindow;
    private long _duplicateBatches;
    private long _rejectedBatches;
    private long _minConnectedInWindow = long.MaxValue;
    private volatile string? _instance;

    public FleetTally(int sensors, TimeProvider time)
    {
        _ackedSequence = new long[sensors];
        _readingsAcked = new long[sensors];
        Storm = new FleetStormTally(sensors, time);
    }

    /// <summary>What the sensors saw of a collector restart, from the mark on.</summary>
    public FleetStormTally Storm { get; }

    /// <summary>Sensors whose control stream is open and welcomed right now.</summary>
    public long Connected => Interlocked.Read(ref _connected);

    /// <summary>Sensors that were welcomed at least once.</summary>
    public long EverWelcomed => Interlocked.Read(ref _everWelcomed);

    public long ControlStreamsEnded => Interlocked.Read(ref _controlStreamsEnded);

    public long ConfigUpdatesApplied => Interlocked.Read(ref _configUpdatesApplied);

    public long BatchesInWindow => Interlocked.Read(ref _batchesInWindow);

    public long ReadingsInWindow => Interlocked.Read(ref _readingsInWindow);

    public long DuplicateBatches => Interlocked.Read(ref _duplicateBatches);

    public long RejectedBatches => Interlocked.Read(ref _rejectedBatches);

    /// <summary>The fewest sensors connected at any moment of the measured window; -1 when it was never measured.</summary>
    public long MinConnectedInWindow => Interlocked.Read(ref _minConnectedInWindow) is var min && min == long.MaxValue ? -1 : min;

    public IReadOnlyDictionary<string, long> Errors => Sorted(_errors);

    public IReadOnlyDictionary<string, long> WindowErrors => Sorted(_windowErrors);

    /// <summary>The highest sequence acknowledged to sensor <paramref name="index"/>, and the readings its acks reported committed.</summary>
    public (long Sequence, long Readings) Acked(int index) => (Volatile.Read(ref _ackedSequence[index]), Volatile.Read(ref _readingsAcked[index]));

    /// <summary>From now on acknowledgements and errors count in the measured window too.</summary>
    public void StartMeasuring()
    {
        Interlocked.Exchange(ref _minConnectedInWindow, Connected);
        Volatile.Write(ref _measuring, 1);
    }

    public void StopMeasuring() => Volatile.Write(ref _measuring, 0);

    /// <summary>From now on the <see cref="Storm"/> counts, against the collector instance that welcomed a sensor last.</summary>
    public void Mark() => Storm.Mark(_instance);

    /// <summary>Sensor <paramref name="index"/> was welcomed on its control stream by collector <paramref name="instance"/>; <paramref name="first"/>: for the first time.</summary>
    public void Welcomed(int index, bool first, string instance)
    {
        _instance = instance;
        Interlocked.Increment(ref _connected);
        if (first)
        {
            Interlocked.Increment(ref _everWelcomed);
        }

        Storm.Welcomed(index, instance);
    }

    /// <summary>A sensor was greeted by collector <paramref name="instance"/>.</summary>
    public void Greeted(string instance) => Storm.Greeted(instance);

    /// <summary>A welcomed control stream ended; <paramref name="unexpected"/> when the benchmark did not close it.</summary>
    public void Disconnected(bool unexpected)
    {
        var now = Interlocked.Decrement(ref _connected);
        if (unexpected)
        {
            Interlocked.Increment(ref _controlStreamsEnded);
        }

        if (Volatile.Read(ref _measuring) == 1)
        {
            long min;
            while (now < (min = Interlocked.Read(ref _minConnectedInWindow)) && Interlocked.CompareExchange(ref _minConnectedInWindow, now, min) != min)
            {
            }
        }
    }

    public void ConfigApplied() => Interlocked.Increment(ref _configUpdatesApplied);

    /// <summary>A call failed with <paramref name="status"/> (or a status-less failure named <paramref name="name"/>).</summary>
    public void Failed(StatusCode status, string? name = null)
    {
        var key = name ?? status.ToString();
        _errors.AddOrUpdate(key, 1, (_, count) => count + 1);
        if (Volatile.Read(ref _measuring) == 1)
        {
            _windowErrors.AddOrUpdate(key, 1, (_, count) => count + 1);
        }

        Storm.Failed(key);
    }

    /// <summary>An Upload stream of sensor <paramref name="index"/> was acknowledged up to <paramref name="committedSequence"/>.</summary>
    public void Acknowledged(int index, long committedSequence, long readingsCommitted, long batchesCommitted, long duplicates, int rejected)
    {
        Interlocked.Add(ref _duplicateBatches, duplicates);
        Interlocked.Add(ref _rejectedBatches, rejected);
        Interlocked.Add(ref _readingsAcked[index], readingsCommitted);
        Storm.Acknowledged(index);
        long seen;
        while (committedSequence > (seen = Volatile.Read(ref _ackedSequence[index])) && Interlocked.CompareExchange(ref _ackedSequence[index], committedSequence, seen) != seen)
        {
        }

        if (Volatile.Read(ref _measuring) == 1)
        {
            Interlocked.Add(ref _batchesInWindow, batchesCommitted);
            Interlocked.Add(ref _readingsInWindow, readingsCommitted);
        }
    }

    private static SortedDictionary<string, long> Sorted(ConcurrentDictionary<string, long> errors) => new(errors.ToDictionary(), StringComparer.Ordinal);
}
