namespace Ingest.Collector.Health;

/// <summary>Whether the last storage write succeeded, and if not, why it failed.</summary>
internal sealed class StorageHealth
{
    private volatile Exception? _failure;
    private volatile bool _open;

    public bool IsHealthy => _open && _failure is null;

    public Exception? Failure => _failure;

    public bool IsOpen => _open;

    public void Opened() => _open = true;

    public void Succeeded() => _failure = null;

    public void Failed(Exception failure) => _failure = failure;
}
