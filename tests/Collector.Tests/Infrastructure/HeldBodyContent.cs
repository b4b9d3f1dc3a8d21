using System.Net;

namespace Ingest.Collector.Tests.Infrastructure;

/// <summary>
/// A request body that sends <paramref name="head"/> at once and the rest only when <see cref="Release"/> is called (or
/// never, until the request is cancelled): what a client sends before the collector answers is exactly the head.
/// </summary>
internal sealed class HeldBodyContent(byte[] head, byte[] rest) : HttpContent
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _headSent = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task HeadSent => _headSent.Task;

    public void Release() => _released.TrySetResult();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(head, cancellationToken);
        await stream.FlushAsync(cancellationToken);
        _headSent.TrySetResult();
        await _released.Task.WaitAsync(cancellationToken);
        await stream.WriteAsync(rest, cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
