using System.Diagnostics;
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

    /// <summary>The latest closed window, or the open one while none has closed.</summary>
    public WindowAccumulator? Latest => _closed.Count > 0 ? _closed[^1] : _open;

    public bool HasClosed => _closed.Count > 0;

    public bool IsOpen => _open is not null;

    public int ClosedCount => _closed.Count;

    /// <summary>The window length in µs.</summary>
    public long LengthMicros => _lengthMicros;

    /// <summary>The open window, if any.</summary>
    public WindowAccumulator? Open => _open;

    /// <summary>The closed windows kept, oldest first.</summary>
    public IReadOnlyList<WindowAccumulator> Closed => _closed;

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
        if (_open is { } open && open.StartMicros <= timestampMicros && timestampMicros < open.EndMicros)
        {
            open.Add(timestampMicros, value);
            return true;
        }

        var start = StartOf(timestampMicros);
        if (start + _lengthMicros > watermarkMicros)
        {
            WatermarkWindow(start).Add(timestampMicros, value);
            return true;
        }

        if (watermarkMicros - timestampMicros > latenessMicros)
        {
            return false;
        }

        return AddToClosed(start, timestampMicros, value);
    }

    /// <summary>
    /// Adds readings in timestamp order (non-decreasing), the first of them later than the sensor's watermark,
    /// which rises to the last of them: the same as <see cref="Advance"/> and <see cref="Add(long, double, long, long)"/> reading by
    /// reading, but a window's run of readings at a time, found by comparing timestamps with the window's end.
    /// None of them is late. The sums may differ from reading-by-reading ones (see <see cref="RunStatistics.Of"/>).
    /// </summary>
    public void AddInOrder(ReadOnlySpan<long> timestampsMicros, ReadOnlySpan<double> values)
    {
        var i = 0;
        while (i < timestampsMicros.Length)
        {
            var timestamp = timestampsMicros[i];
            Advance(timestamp);

            // The open window holds the previous watermark, which is before this reading: if it is still open, the reading is in it.
            Debug.Assert(_open is null || (_open.StartMicros <= timestamp && timestamp < _open.EndMicros), "The open window holds the watermark.");
            var window = _open ?? WatermarkWindow(StartOf(timestamp));
            var end = EndOfRun(timestampsMicros, i, window.EndMicros);
            window.AddRun(timestampsMicros[end - 1], values[i..end]);
            i = end;
        }
    }

    /// <summary>
    /// Adds a run summed up beforehand (<see cref="WindowRuns"/>) of readings in timestamp order, all later
    /// than the sensor's watermark before them: as <see cref="AddInOrder"/> does with the run's readings.
    /// </summary>
    public void Add(WindowRun run)
    {
        // A run after the open window's: the watermark has reached the open window's end.
        if (_open is { } open && open.StartMicros != run.StartMicros)
        {
            CloseOpen();
        }

        (_open ?? WatermarkWindow(run.StartMicros)).Add(run);
    }

    /// <summary>The first index from <paramref name="from"/> on whose timestamp is at or after <paramref name="endMicros"/>, or the length.</summary>
    internal static int EndOfRun(ReadOnlySpan<long> timestampsMicros, int from, long endMicros)
    {
        int low = from, high = timestampsMicros.Length;
        if (timestampsMicros[^1] < endMicros)
        {
            return high;
        }

        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (timestampsMicros[middle] < endMicros)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>The start of the window of length <paramref name="lengthMicros"/> that holds <paramref name="timestampMicros"/>.</summary>
    public static long WindowStart(long timestampMicros, long lengthMicros)
    {
        var offset = timestampMicros % lengthMicros;
        return timestampMicros - (offset < 0 ? offset + lengthMicros : offset);
    }

    private long StartOf(long timestampMicros) => WindowStart(timestampMicros, _lengthMicros);

    /// <summary>The window starting at <paramref name="start"/>, which holds the watermark: the open one, created now.</summary>
    private WindowAccumulator WatermarkWindow(long start)
    {
        if (_closed.Count > 0 && _closed[^1].StartMicros == start)
        {
            // Closed early because the sensor went quiet; readings for it now update it.
            LatestChanged = true;
            return _closed[^1];
        }

        CloseOpen();
        _open = new WindowAccumulator(start, _lengthMicros);
        return _open;
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
