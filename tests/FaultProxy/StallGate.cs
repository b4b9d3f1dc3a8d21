namespace Ingest.FaultProxy;

/// <summary>An async gate: open, every waiter passes at once; closed (stalled), waiters wait until it opens.</summary>
internal sealed class StallGate
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _opened = NewOpened(open: true);

    public bool IsClosed
    {
        get
        {
            lock (_gate)
            {
                return !_opened.Task.IsCompleted;
            }
        }
    }

    public void Close()
    {
        lock (_gate)
        {
            if (_opened.Task.IsCompleted)
            {
                _opened = NewOpened(open: false);
            }
        }
    }

    public void Open()
    {
        lock (_gate)
        {
            _opened.TrySetResult();
        }
    }

    public Task WaitOpenAsync(CancellationToken cancellationToken)
    {
        Task opened;
        lock (_gate)
        {
            opened = _opened.Task;
        }

        return opened.IsCompleted ? Task.CompletedTask : opened.WaitAsync(cancellationToken);
    }

    private static TaskCompletionSource NewOpened(bool open)
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (open)
        {
            source.SetResult();
        }

        return source;
    }
}
