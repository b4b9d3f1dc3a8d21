using System.Collections.Concurrent;

namespace Ingest.LoadBenchmark.Fleet;

/// <summary>
/// What one fleet worker's sensors saw of a collector restart, from the fleet run's <c>mark</c> (sent just before the SIGTERM)
/// to its <c>end-mark</c>: failed calls by status, and per sensor how long after the mark it was first welcomed on a control
/// stream by another collector instance than the one of the mark, and first acknowledged an upload once the worker had heard
/// from such an instance (an ack carries no instance; once a new instance answered, the old one has exited, so the ack is the new one's).
/// </summary>
internal sealed class FleetStormTally(int sensors, TimeProvider time)
{
    private const double NotYet = -1;

    private readonly ConcurrentDictionary<string, long> _errors = new(StringComparer.Ordinal);
    private readonly double[] _welcomed = Unset(sensors);
    private readonly double[] _acked = Unset(sensors);
    private volatile string? _markedInstance;
    private long _markedAt;
    private int _marking;
    private int _newInstanceSeen;
    private long _welcomedCount;
    private long _ackedCount;

    /// <summary>Sensors welcomed by a new collector instance since the mark.</summary>
    public long WelcomedCount => Interlocked.Read(ref _welcomedCount);

    /// <summary>Sensors acknowledged by a new collector instance since the mark.</summary>
    public long AckedCount => Interlocked.Read(ref _ackedCount);

    public IReadOnlyDictionary<string, long> Errors => new SortedDictionary<string, long>(_errors.ToDictionary(), StringComparer.Ordinal);

    /// <summary>Per sensor, the seconds from the mark to its first welcome by a new instance; null when there was none before the end of the mark.</summary>
    public IReadOnlyList<double?> WelcomedSeconds => Seconds(_welcomed);

    /// <summary>Per sensor, the seconds from the mark to its first ack from a new instance; null when there was none before the end of the mark.</summary>
    public IReadOnlyList<double?> AckedSeconds => Seconds(_acked);

    /// <summary>From now on failures count here, and welcomes and acks from another instance than <paramref name="currentInstance"/> mark a sensor as back.</summary>
    public void Mark(string? currentInstance)
    {
        _markedInstance = currentInstance;
        Interlocked.Exchange(ref _markedAt, time.GetTimestamp());
        Volatile.Write(ref _marking, 1);
    }

    public void EndMark() => Volatile.Write(ref _marking, 0);

    public void Failed(string status)
    {
        if (Volatile.Read(ref _marking) == 1)
        {
            _errors.AddOrUpdate(status, 1, (_, count) => count + 1);
        }
    }

    /// <summary>A sensor was greeted by <paramref name="instance"/>.</summary>
    public void Greeted(string instance)
    {
        if (IsNew(instance))
        {
            Volatile.Write(ref _newInstanceSeen, 1);
        }
    }

    /// <summary>Sensor <paramref name="index"/> was welcomed on its control stream by <paramref name="instance"/>.</summary>
    public void Welcomed(int index, string instance)
    {
        if (IsNew(instance))
        {
            Volatile.Write(ref _newInstanceSeen, 1);
            Record(_welcomed, index, ref _welcomedCount);
        }
    }

    /// <summary>An upload of sensor <paramref name="index"/> was acknowledged.</summary>
    public void Acknowledged(int index)
    {
        if (Volatile.Read(ref _marking) == 1 && Volatile.Read(ref _newInstanceSeen) == 1)
        {
            Record(_acked, index, ref _ackedCount);
        }
    }

    private bool IsNew(string instance) => Volatile.Read(ref _marking) == 1 && !string.Equals(instance, _markedInstance, StringComparison.Ordinal);

    private void Record(double[] seconds, int index, ref long count)
    {
        var since = time.GetElapsedTime(Interlocked.Read(ref _markedAt)).TotalSeconds;
        if (Interlocked.CompareExchange(ref seconds[index], since, NotYet) == NotYet)
        {
            Interlocked.Increment(ref count);
        }
    }

    private static double[] Unset(int sensors) => Enumerable.Repeat(NotYet, sensors).ToArray();

    private static List<double?> Seconds(double[] seconds) => [.. seconds.Select(s => s == NotYet ? (double?)null : s)];
}
