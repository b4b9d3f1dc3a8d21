using System.Data.Common;
using Grpc.Core;
using Ingest.Collector.Calls;
using Ingest.Collector.Diagnostics;
using Ingest.Collector.Errors;
using Ingest.Collector.Security;
using Ingest.Collector.Settings;
using Ingest.Collector.Storage;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Query;

/// <summary>
/// <c>Query.ReadReadings</c>: streams a sensor's stored readings for a time range, in time order, in chunks
/// of a bounded size. Reads run beside ingestion, page by page, and hold nothing of storage while a reply waits for
/// its client, so they never hold up a commit. Each query takes a place in the <see cref="QueryBudget"/> (refused
/// with ResourceExhausted and a retry hint when it is spent), reads pages bounded in bytes, and ends with
/// DeadlineExceeded when its client leaves a reply untaken for <see cref="QueryOptions.WriteTimeout"/>.
/// </summary>
internal sealed class QueryService(
    IChunkStore store,
    QueryBudget budget,
    LastGoodOptions<QueryOptions> queryOptions,
    LastGoodOptions<IngestionOptions> ingestionOptions,
    RefusalLog refusals,
    IHostApplicationLifetime lifetime,
    TimeProvider timeProvider,
    ILogger<QueryService> logger) : Wire.Query.QueryBase
{
    public override async Task ReadReadings(Wire.ReadReadingsRequest request, IServerStreamWriter<Wire.ReadingsChunk> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        var stopping = CallAdmission.Admit(context, lifetime);

        var read = ReadRequest.Read(request, ingestionOptions.Current.MaxReadingsPerBatch);
        var limits = queryOptions.Current;
        using var lease = budget.TryOpen(CallerShare.Of(context), out var refusal);
        if (lease is null)
        {
            if (refusals.Count(RefusalLog.QueryRefused) is var count and > 0)
            {
                PacedLog.QueriesRefused(logger, count, context.Peer, refusal, refusals.Interval);
            }

            throw RpcErrors.ResourceExhausted(refusal, ingestionOptions.Current.RetryAfter);
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, stopping);
        var token = linked.Token;
        long readings = 0;
        var chunks = 0;
        try
        {
            var pages = store.ReadChunksAsync(read.SensorId, read.FromMicros, read.ToMicros, limits.MaxPageReadings, token);
            var stored = ReadingMerge.MergeAsync(pages, read.FromMicros, read.ToMicros, token);
            await foreach (var packed in ReadingPacker.PackAsync(stored, read.ReadingsPerChunk, token))
            {
                await WriteAsync(responseStream, new Wire.ReadingsChunk { SensorId = read.SensorId, Readings = packed }, limits.WriteTimeout, token);
                readings += packed.Values.Count;
                chunks++;
            }
        }
        catch (ReplyNotTakenException)
        {
            if (refusals.Count(RefusalLog.QueryWriteTimedOut) is var count and > 0)
            {
                PacedLog.QueriesEndedUnread(logger, count, context.Peer, read.SensorId, limits.WriteTimeout, refusals.Interval);
            }

            throw RpcErrors.DeadlineExceeded(
                $"a reply waited {limits.WriteTimeout.TotalSeconds:0.###} s for the client to read it (Collector:Query:WriteTimeout), so the query ended after {chunks} replies; read the stream as it comes, and ask again from the last timestamp read");
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            throw RpcErrors.ShuttingDown();
        }
        catch (InvalidDataException ex)
        {
            CollectorLog.ReadingsReadFailed(logger, read.SensorId, ex);
            throw RpcErrors.DataLoss($"{ex.Message} The readings sent before this error are correct; none from that chunk on were sent.");
        }
        catch (DbException ex) when (store.IsDamage(ex))
        {
            // No retry mends a damaged file: DataLoss, so that callers stop retrying and someone recovers it.
            CollectorLog.ReadingsReadFailed(logger, read.SensorId, ex);
            throw RpcErrors.DataLoss(
                $"the stored readings of sensor '{read.SensorId}' are in a damaged part of the collector's database ({ex.Message.TrimEnd('.')}); the readings sent before this error are correct, none from there on were sent; the collector's operator must recover the database");
        }
        catch (DbException ex)
        {
            CollectorLog.ReadingsReadFailed(logger, read.SensorId, ex);
            throw RpcErrors.Unavailable($"storage failed to read the readings of '{read.SensorId}': {ex.Message}; retry");
        }

        CollectorLog.ReadingsRead(logger, read.SensorId, readings, chunks, context.Peer);
    }

    /// <summary>
    /// Writes one reply; throws <see cref="ReplyNotTakenException"/> when the client has not taken it (flow control)
    /// within <paramref name="timeout"/>. The reply then stays unsent and the query must end.
    /// </summary>
    private async Task WriteAsync(IServerStreamWriter<Wire.ReadingsChunk> stream, Wire.ReadingsChunk reply, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var expiry = new CancellationTokenSource(timeout, timeProvider);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, expiry.Token);
        try
        {
            await stream.WriteAsync(reply, either.Token);
        }
        catch (OperationCanceledException) when (expiry.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ReplyNotTakenException();
        }
    }
}
