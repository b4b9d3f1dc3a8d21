using System.Globalization;
using Ingest.SensorSimulator.Diagnostics;
using Ingest.SensorSimulator.Faults;
using Ingest.SensorSimulator.Model;
using Ingest.SensorSimulator.Settings;
using Microsoft.Extensions.Logging;

namespace Ingest.SensorSimulator.Routing;

/// <summary>
/// Which collector one sensor talks to, of the fleet's list (the same list, in the same order, for every sensor). The
/// sensor starts on its home collector, entry <c>(index - 1) mod count</c>, and sticks to the collector it is on. After
/// <see cref="FailoverOptions.FailuresBeforeFailover"/> failed attempts in a row there that say the collector is down or
/// refusing (<see cref="FaultClassifier.IsCollectorDown"/>), it moves to the next entry, wrapping around; an answer (an
/// acknowledged upload window, a welcomed control stream) starts the count again. Once it has been away from home for
/// <see cref="FailoverOptions.ReturnHomeAfter"/> since its last move, its next upload attempt goes home. Every move is
/// logged once, with the reason, and counted. Uploads and the control stream share one route, so both follow a move:
/// the uploader greets the new collector, and the control stream reconnects to it. Thread-safe.
/// </summary>
internal sealed class CollectorRoute
{
    private readonly IReadOnlyList<string> _addresses;
    private readonly FailoverOptions _options;
    private readonly SensorIdentity _sensor;
    private readonly SensorCounters _counters;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private TaskCompletionSource _moved = NewSignal();
    private int _current;
    private int _failures;
    private DateTimeOffset _movedAt;

    public CollectorRoute(
        SensorIdentity sensor,
        IReadOnlyList<string> addresses,
        FailoverOptions options,
        SensorCounters counters,
        TimeProvider time,
        ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        ArgumentNullException.ThrowIfNull(addresses);
        ArgumentOutOfRangeException.ThrowIfZero(addresses.Count);
        _sensor = sensor;
        _addresses = addresses;
        _options = options;
        _counters = counters;
        _time = time;
        _logger = logger;
        Home = HomeOf(sensor.Index, addresses.Count);
        _current = Home;
        _movedAt = time.GetUtcNow();
    }

    /// <summary>The index of the sensor's home collector in the list.</summary>
    public int Home { get; }

    /// <summary>The index of the collector the sensor is on now.</summary>
    public int Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <summary>How many collectors there are to choose from.</summary>
    public int Count => _addresses.Count;

    /// <summary>Completes at the next move; read it before <see cref="Current"/> so that no move is missed.</summary>
    public Task WhenMoved
    {
        get
        {
            lock (_gate)
            {
                return _moved.Task;
            }
        }
    }

    /// <summary>The home collector of the sensor at <paramref name="index"/> (from 1) among <paramref name="count"/> collectors.</summary>
    public static int HomeOf(int index, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(index, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return (index - 1) % count;
    }

    /// <summary>The address of collector <paramref name="collector"/>.</summary>
    public string AddressOf(int collector) => _addresses[collector];

    /// <summary>Collector <paramref name="collector"/> answered: the failures counted against it start again from zero.</summary>
    public void ReportAnswered(int collector)
    {
        lock (_gate)
        {
            if (collector == _current)
            {
                _failures = 0;
            }
        }
    }

    /// <summary>
    /// An attempt on collector <paramref name="collector"/> failed with <paramref name="exception"/>. Counts it when it
    /// says that collector is down or refusing and the sensor is still on it; moves to the next collector when the count
    /// reaches <see cref="FailoverOptions.FailuresBeforeFailover"/>. True when the sensor moved.
    /// </summary>
    public bool ReportFailure(int collector, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (_addresses.Count == 1 || !FaultClassifier.IsCollectorDown(exception, cancellationToken))
        {
            return false;
        }

        lock (_gate)
        {
            if (collector != _current || ++_failures < _options.FailuresBeforeFailover)
            {
                return false;
            }

            MoveTo(
                (_current + 1) % _addresses.Count,
                string.Create(CultureInfo.InvariantCulture, $"{_failures} failed attempts in a row, the last {FaultClassifier.Describe(exception)}"));
            return true;
        }
    }

    /// <summary>
    /// Before an upload attempt: when the sensor has been away from its home collector for
    /// <see cref="FailoverOptions.ReturnHomeAfter"/> since its last move, moves it home. True when the sensor moved.
    /// </summary>
    public bool ReturnHomeIfDue()
    {
        lock (_gate)
        {
            if (_current == Home || _time.GetUtcNow() - _movedAt < _options.ReturnHomeAfter)
            {
                return false;
            }

            MoveTo(Home, string.Create(CultureInfo.InvariantCulture, $"back to its home collector after {_options.ReturnHomeAfter} away"));
            return true;
        }
    }

    private void MoveTo(int collector, string reason)
    {
        var from = _current;
        _current = collector;
        _failures = 0;
        _movedAt = _time.GetUtcNow();
        _counters.AddFailover();
        _logger.SensorFailedOver(_sensor.SensorId, _addresses[from], _addresses[collector], reason);
        var moved = _moved;
        _moved = NewSignal();
        moved.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
