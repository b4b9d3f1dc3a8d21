using Grpc.Core;
using Ingest.Dashboard.Diagnostics;
using Ingest.Dashboard.Feed;
using Microsoft.Extensions.Logging;

namespace Ingest.Dashboard.Grpc;

/// <summary>
/// Runs a one-shot call against the first collector that answers: every collector sees the whole database, so any
/// of them will do. A collector that is unavailable (down, unreachable, shutting down) is skipped for the next; any
/// other answer, an error included, is the answer. The last collector's failure is thrown when none answers.
/// </summary>
internal sealed class CollectorFailover<TClient>
{
    private readonly IReadOnlyList<(string Address, TClient Client)> _collectors;
    private readonly ILogger _logger;

    public CollectorFailover(IReadOnlyList<(string Address, TClient Client)> collectors, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(collectors);
        ArgumentOutOfRangeException.ThrowIfZero(collectors.Count);
        _collectors = collectors;
        _logger = logger;
    }

    /// <summary>Whether <paramref name="exception"/> says the collector did not answer at all, so the next one is tried.</summary>
    public static bool IsUnanswered(Exception exception) => exception is RpcException { StatusCode: StatusCode.Unavailable };

    public async Task<T> CallAsync<T>(string operation, Func<TClient, Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        for (var index = 0; ; index++)
        {
            var (address, client) = _collectors[index];
            try
            {
                return await call(client);
            }
            catch (RpcException exception) when (
                IsUnanswered(exception) && index < _collectors.Count - 1 && !cancellationToken.IsCancellationRequested)
            {
                _logger.FailingOver(operation, address, FeedFaults.Describe(exception), _collectors[index + 1].Address);
            }
        }
    }

    /// <summary>
    /// A stream from the first collector that answers: one that fails before its first item is skipped as
    /// <see cref="CallAsync{T}"/> does; once an item has arrived, a failure ends the stream (a retry elsewhere would
    /// repeat what was read).
    /// </summary>
    public async IAsyncEnumerable<T> StreamAsync<T>(
        string operation,
        Func<TClient, IAsyncEnumerable<T>> stream,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        for (var index = 0; ; index++)
        {
            var (address, client) = _collectors[index];
            await using var items = stream(client).GetAsyncEnumerator(cancellationToken);
            bool any;
            try
            {
                any = await items.MoveNextAsync();
            }
            catch (RpcException exception) when (
                IsUnanswered(exception) && index < _collectors.Count - 1 && !cancellationToken.IsCancellationRequested)
            {
                _logger.FailingOver(operation, address, FeedFaults.Describe(exception), _collectors[index + 1].Address);
                continue;
            }

            while (any)
            {
                yield return items.Current;
                any = await items.MoveNextAsync();
            }

            yield break;
        }
    }
}
