namespace Ingest.SensorSimulator.Configuration;

/// <summary>
/// What one sensor is told to do right now: the configuration it runs (swapped whole and atomically), whether
/// a command paused it, and how many flushes were asked for. Every change completes <see cref="WhenChanged"/>,
/// so that the sampling loop applies it at once; readers take <see cref="WhenChanged"/> before they read.
/// </summary>
internal sealed class LiveConfiguration
{
    private readonly Lock _gate = new();
    private AppliedConfiguration _current;
    private TaskCompletionSource _changed = NewSignal();
    private bool _paused;
    private long _flushRequests;

    public LiveConfiguration(SensorConfigValues startUp)
    {
        ArgumentNullException.ThrowIfNull(startUp);
        _current = AppliedConfiguration.StartUp(startUp);
    }

    /// <summary>The configuration the sensor runs.</summary>
    public AppliedConfiguration Current => Volatile.Read(ref _current);

    /// <summary>The settings the sensor runs.</summary>
    public SensorConfigValues Settings => Current.Settings;

    /// <summary>A pause command stopped sampling, and no resume followed yet.</summary>
    public bool Paused => Volatile.Read(ref _paused);

    /// <summary>How many flushes were asked for since the sensor started.</summary>
    public long FlushRequests => Interlocked.Read(ref _flushRequests);

    /// <summary>Completes at the next change.</summary>
    public Task WhenChanged
    {
        get
        {
            lock (_gate)
            {
                return _changed.Task;
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="settings"/> from now, as <paramref name="version"/> and <paramref name="hash"/>.
    /// Returns false when the sensor already runs exactly that.
    /// </summary>
    public bool Apply(SensorConfigValues settings, ulong version, string hash)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(hash);
        var next = new AppliedConfiguration(settings, version, hash);
        lock (_gate)
        {
            if (next == _current)
            {
                return false;
            }

            Volatile.Write(ref _current, next);
            Pulse();
            return true;
        }
    }

    /// <summary>Stops sampling until <see cref="Resume"/>.</summary>
    public void Pause() => SetPaused(true);

    /// <summary>Restarts sampling after <see cref="Pause"/> (when the configuration enables it).</summary>
    public void Resume() => SetPaused(false);

    /// <summary>Asks for the open batch to be sealed now, so that it is uploaded.</summary>
    public void RequestFlush()
    {
        lock (_gate)
        {
            Interlocked.Increment(ref _flushRequests);
            Pulse();
        }
    }

    private void SetPaused(bool paused)
    {
        lock (_gate)
        {
            if (_paused == paused)
            {
                return;
            }

            Volatile.Write(ref _paused, paused);
            Pulse();
        }
    }

    private void Pulse()
    {
        var changed = _changed;
        _changed = NewSignal();
        changed.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
