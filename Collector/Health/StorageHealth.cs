namespace Ingest.Collector.Health;

/// <summary>
/// Whether storage takes writes, told truthfully. A failed commit begins an outage (health not-serving); only a
/// successful commit, or a successful write probe of <see cref="StorageRecoveryService"/>, ends it. Damage is another
/// matter: once SQLite found the file damaged, health stays not-serving until the collector is restarted, since a
/// commit or a probe that succeeds wrote elsewhere in the file and cannot vouch for the damaged part (and a restart
/// refuses the damaged file with the way to recover it). Commits that can still succeed go on being made.
/// </summary>
internal sealed class StorageHealth(TimeProvider timeProvider)
{
    private readonly Lock _lock = new();
    private volatile bool _open;
    private volatile Exception? _failure;
    private long _failedCommits;
    private long _failedProbes;
    private long _failingSince;
    private bool _damaged;

    public bool IsOpen => _open;

    public bool IsHealthy => _open && _failure is null;

    /// <summary>The latest failed commit of the current outage; null while writes succeed.</summary>
    public Exception? Failure => _failure;

    /// <summary>Whether a commit of the current outage found the database file damaged.</summary>
    public bool IsDamaged
    {
        get
        {
            lock (_lock)
            {
                return _damaged;
            }
        }
    }

    /// <summary>Commits failed in the current outage (0 when there is none).</summary>
    public long FailedCommits
    {
        get
        {
            lock (_lock)
            {
                return _failedCommits;
            }
        }
    }

    /// <summary>Write probes failed in the current outage (0 when there is none).</summary>
    public long FailedProbes
    {
        get
        {
            lock (_lock)
            {
                return _failedProbes;
            }
        }
    }

    /// <summary>How long the current outage has lasted; zero when there is none.</summary>
    public TimeSpan FailingFor
    {
        get
        {
            lock (_lock)
            {
                return _failure is null ? TimeSpan.Zero : timeProvider.GetElapsedTime(_failingSince);
            }
        }
    }

    public void Opened() => _open = true;

    /// <summary>
    /// Records a failed commit. True when it is news to log: it begins an outage, or is the first in it to find the
    /// file damaged (<paramref name="damaged"/>, as the store tells); later failures are only counted.
    /// </summary>
    public bool CommitFailed(Exception failure, bool damaged)
    {
        ArgumentNullException.ThrowIfNull(failure);
        lock (_lock)
        {
            var begins = _failure is null;
            if (begins)
            {
                _failingSince = timeProvider.GetTimestamp();
            }

            var news = begins || (damaged && !_damaged);
            _failedCommits++;
            _damaged |= damaged;
            _failure = failure;
            return news;
        }
    }

    /// <summary>A commit succeeded: ends the outage and returns it, or null when writes were not failing or the file is damaged.</summary>
    public StorageOutage? CommitSucceeded()
    {
        lock (_lock)
        {
            return _failure is null || _damaged ? null : End();
        }
    }

    /// <summary>A write probe failed: the outage goes on.</summary>
    public void ProbeFailed()
    {
        lock (_lock)
        {
            if (_failure is not null)
            {
                _failedProbes++;
            }
        }
    }

    /// <summary>
    /// A write probe, begun when <paramref name="failedCommitsBefore"/> commits of the outage had failed, succeeded:
    /// ends the outage and returns it — unless a commit failed meanwhile (the probe may have run before it) or the
    /// file is damaged. Null when it did not end one.
    /// </summary>
    public StorageOutage? ProbeSucceeded(long failedCommitsBefore)
    {
        lock (_lock)
        {
            return _failure is null || _damaged || _failedCommits != failedCommitsBefore ? null : End();
        }
    }

    private StorageOutage End()
    {
        var outage = new StorageOutage(_failedCommits, timeProvider.GetElapsedTime(_failingSince));
        _failure = null;
        _failedCommits = 0;
        _failedProbes = 0;
        _damaged = false;
        return outage;
    }
}
