using Ingest.Dashboard.Errors;
using Ingest.Dashboard.Feed;

namespace Ingest.Dashboard.Lines;

/// <summary>
/// <c>--json</c>, and the view when standard output is not a terminal: writes every update as a line until
/// stopped, reconnecting as the live view does.
/// </summary>
internal sealed class LinesCommand
{
    private readonly FeedLoop _loop;

    public LinesCommand(FeedLoop loop)
    {
        _loop = loop;
    }

    public async Task<int> RunAsync(SubscriptionRequest subscription, IFeedObserver writer, CancellationToken cancellationToken)
    {
        try
        {
            await _loop.RunAsync(subscription, writer, retryRefusals: true, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped by Ctrl-C or SIGTERM: the normal end of a stream of lines.
        }
        catch (IOException)
        {
            // Whoever read standard output went away (e.g. `| head`): nothing left to write to.
        }

        return ExitCodes.Success;
    }
}
