using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Options;

namespace Ingest.Collector.Calls;

/// <summary>
/// Ends a call whose answer is final while its request body is still open (a refusal at the headers, an upload refused
/// or failed before the client finished): sends the answer in full, then discards what still arrives until the client
/// ends or resets its stream, within <see cref="TransportOptions.UnfinishedBodyWait"/> and
/// <see cref="TransportOptions.UnfinishedBodyMaxBytes"/>. Left to Kestrel, such a stream is reset and then tracked
/// for 5 s; past twice <see cref="TransportOptions.MaxStreamsPerConnection"/> of them Kestrel refuses new streams
/// (ENHANCE_YOUR_CALM) and then faults the whole connection, with every good stream on it.
/// </summary>
internal sealed class UnfinishedBody(IOptions<TransportOptions> options, TimeProvider time)
{
    private readonly TransportOptions _options = options.Value;

    public async Task EndAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var body = context.Request.BodyReader;
        try
        {
            if (body.TryRead(out var ready))
            {
                body.AdvanceTo(ready.Buffer.End);
                if (ready.IsCompleted)
                {
                    return;
                }
            }

            // Waiting here is not reading slowly: the client may have nothing more to send.
            if (context.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rate)
            {
                rate.MinDataRate = null;
            }

            await context.Response.CompleteAsync();
            using var wait = new CancellationTokenSource(_options.UnfinishedBodyWait, time);
            using var ended = CancellationTokenSource.CreateLinkedTokenSource(wait.Token, context.RequestAborted);
            long discarded = 0;
            while (discarded <= _options.UnfinishedBodyMaxBytes)
            {
                var read = await body.ReadAsync(ended.Token);
                discarded += read.Buffer.Length;
                body.AdvanceTo(read.Buffer.End);
                if (read.IsCompleted || read.IsCanceled)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException or BadHttpRequestException)
        {
            // The client reset the stream, the wait is over, or the body was already done with: Kestrel ends the stream.
        }
    }
}
