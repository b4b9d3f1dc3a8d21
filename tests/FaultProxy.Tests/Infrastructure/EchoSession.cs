namespace Ingest.FaultProxy.Tests.Infrastructure;

/// <summary>One connection the echo server accepted: how many bytes it received, and when it ended.</summary>
internal sealed class EchoSession
{
    private long _received;
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long Received => Interlocked.Read(ref _received);

    /// <summary>Completes when the peer closed or reset the connection.</summary>
    public Task Ended => _ended.Task;

    public void Add(int bytes) => Interlocked.Add(ref _received, bytes);

    public void End() => _ended.TrySetResult();
}
