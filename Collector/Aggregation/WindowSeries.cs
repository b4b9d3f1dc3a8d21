using Ingest.Collector.Model;

namespace Ingest.Collector.Aggregation;

/// <summary>
/// One sensor's tumbling windows of one size: the open window (the one holding the sensor's watermark) and
/// a short history of closed ones, oldest first, which late readings within the allowed lateness update.
/// </summary>
internal sealed class WindowSeries(TimeSpan window, int closedKept)
{
    private readonly long _lengthMicros = window.Ticks / TimeSpan.TicksPerMicrosecond;
    private readonly List<WindowAccumulator> _closed = new(closedKept + 1);
    private WindowAccumulator? _open;

    /// <summary>The start of the newest window dropped from the history; readings for it or older are late.</summary>
    private long _droppedThroughMicros = long.MinValue;

    public TimeSpan Window { get; } = window;

    public long LengthMicros => _lengthMicros;

    /// <summary>The latest closed window, or the open one while none has closed.</summary>
    public WindowAccumulator? Latest => _closed.Count > 0 ? _closed[^1] : _open;

    public bool HasClosed => _closed.Count > 0;

    public bool IsOpen => _open is not null;

    public int ClosedCount => _closed.Count;

    /// <summary>Set when the latest closed window changed (closed, or updated by a late reading) since it was published.</summary>
    public bool LatestChanged { get; set; }

    /// <summary>Closes the open window once the watermark has reached its end.</summary>
    public void Advance(long watermarkMicros)
    {
        if (_open is { } open && open.EndMicros <= watermarkMicros)
        {
            CloseOpen();
        }
    }

    /// <summary>Closes the open window, if any (the sensor went quiet).</summary>
    public void CloseOpen()
    {
        if (_open is null)
        {
            return;
        }

        _closed.Add(_open);
        _open = null;
        LatestChanged = true;
        while (_closed.Count > closedKept)
        {
            _droppedThroughMicros = _closed[0].StartMicros;
            _closed.RemoveAt(0);
        }
    }

    /// <summary>
    /// Adds a reading, given the sensor's watermark (already advanced past it). Returns false when the
    /// reading is too late for this series: its window is closed and it is more than
    /// <paramref name="latenessMicros"/> behind the watermark, or its window has left the history.
    /// </summary>
    public bool Add(long timestampMicros, double value, long watermarkMicros, long latenessMicros)
    {
        var start = timestampMicros - (timestampMicros % _lengthMicros);
        if (_open is { } open && open.StartMicros == start)
        {
            open.Add(timestampMicros, value);
            return true;
        }

        if (start + _lengthMicros > watermarkMicros)
        {
            return AddToWatermarkWindow(start, timestampMicros, value);
        }

        if (watermarkMicros - timestampMicros > latenessMicros)
        {
            return false;
        }

        return AddToClosed(start, timestampMicros, value);
    }

    /// <summary>
    /// Adds a run of readings that are all at or after the sensor's watermark, in time order, and in the run's
    /// window: the open window takes it if it is the run's; otherwise the open window has ended (the run is
    /// later) and closes, and the run goes to the latest closed window if that is the run's (closed early
    /// because the sensor went quiet) or opens the next window.
    /// </summary>
    public void AddRun(WindowRun run)
    {
        if (_open is { } open && open.StartMicros == run.StartMicros)
        {
            open.AddRun(run);
            return;
        }

        CloseOpen();
        if (_closed.Count > 0 && _closed[^1].StartMicros == run.StartMicros)
        {
            _closed[^1].AddRun(run);
            LatestChanged = true;
            return;
        }

        _open = new WindowAccumulator(run.StartMicros, _lengthMicros);
        _open.AddRun(run);
    }

    private bool AddToWatermarkWindow(long start, long timestampMicros, double value)
    {
        if (_closed.Count > 0 && _closed[^1].StartMicros == start)
        {
            // Closed early because the sensor went quiet; readings for it now update it.
            _closed[^1].Add(timestampMicros, value);
            LatestChanged = true;
            return true;
        }

        CloseOpen();
        _open = new WindowAccumulator(start, _lengthMicros);
        _open.Add(timestampMicros, value);
        return true;
    }

    private bool AddToClosed(long start, long timestampMicros, double value)
    {
        var index = _closed.Count - 1;
        while (index >= 0 && _closed[index].StartMicros > start)
        {
            index--;
        }

        if (index >= 0 && _closed[index].StartMicros == start)
        {
            _closed[index].Add(timestampMicros, value);
            LatestChanged |= index == _closed.Count - 1;
            return true;
        }

        // No reading fell in this window before: it exists from now on, closed. It goes after `index`.
        if (start <= _droppedThroughMicros || (index < 0 && _closed.Count >= closedKept))
        {
            return false;
        }

        var window = new WindowAccumulator(start, _lengthMicros);
        window.Add(timestampMicros, value);
        _closed.Insert(index + 1, window);
        LatestChanged |= index + 1 == _closed.Count - 1;
        while (_closed.Count > closedKept)
        {
            _droppedThroughMicros = _closed[0].StartMicros;
            _closed.RemoveAt(0);
        }

        return true;
    }
}
