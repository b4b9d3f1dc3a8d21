using System.Net;

namespace Ingest.Collector.Tests.Infrastructure;

/// <summary>
/// A request body that sends <paramref name="head"/> at once and then one more byte every <paramref name="every"/>, for
/// ever (until the request is cancelled or reset): a client that holds a message open by trickling it.
/// </summary>
internal sealed class TrickleContent(byte[] head, TimeSpan every) : HttpContent
{
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(head, cancellationToken);
        await stream.FlushAsync(cancellationToken);
        using var pace = new PeriodicTimer(every);
        while (await pace.WaitForNextTickAsync(cancellationToken))
        {
            await stream.WriteAsync(new byte[] { 0 }, cancellationToken);
            await stream.FlushAsync(cancellationToken);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
