using System.Net;

namespace Ingest.Collector.Tests.Robustness;

/// <summary>A request body that writes the first half of <paramref name="frame"/> and then never finishes, until the request is cancelled.</summary>
internal sealed class HalfWrittenContent(byte[] frame) : HttpContent
{
    private readonly TaskCompletionSource _halfWritten = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once half the frame is on its way.</summary>
    public Task HalfWritten => _halfWritten.Task;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(frame.AsMemory(0, frame.Length / 2), cancellationToken);
        await stream.FlushAsync(cancellationToken);
        _halfWritten.TrySetResult();
        await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
