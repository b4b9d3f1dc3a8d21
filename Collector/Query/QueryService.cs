using System.Data.Common;
using Grpc.Core;
using Ingest.Collector.Calls;
using Ingest.Collector.Diagnostics;
using Ingest.Collector.Errors;
using Ingest.Collector.Settings;
using Ingest.Collector.Storage;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Query;

/// <summary>
/// <c>Query.ReadReadings</c>: streams a sensor's stored readings for a time range, in time order, in chunks
/// of a bounded size. Reads run beside ingestion on their own connection and never hold up a commit.
/// </summary>
internal sealed class QueryService(
    IChunkStore store,
    LastGoodOptions<IngestionOptions> ingestionOptions,
    IHostApplicationLifetime lifetime,
    ILogger<QueryService> logger) : Wire.Query.QueryBase
{
    public override async Task ReadReadings(Wire.ReadReadingsRequest request, IServerStreamWriter<Wire.ReadingsChunk> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        var stopping = CallAdmission.Admit(context, lifetime);

        var read = ReadRequest.Read(request, ingestionOptions.Current.MaxReadingsPerBatch);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, stopping);
        var token = linked.Token;
        long readings = 0;
        var chunks = 0;
        try
        {
            var stored = ReadingMerge.MergeAsync(store.ReadChunksAsync(read.SensorId, read.FromMicros, read.ToMicros, token), read.FromMicros, read.ToMicros, token);
            await foreach (var packed in ReadingPacker.PackAsync(stored, read.ReadingsPerChunk, token))
            {
                await responseStream.WriteAsync(new Wire.ReadingsChunk { SensorId = read.SensorId, Readings = packed }, token);
                readings += packed.Values.Count;
                chunks++;
            }
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
}
