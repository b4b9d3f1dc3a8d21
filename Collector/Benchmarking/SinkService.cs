using Grpc.Core;
using Ingest.Collector.Calls;
using Ingest.Collector.Errors;
using Ingest.Collector.Ingestion;
using Ingest.Collector.Model;
using Ingest.Collector.Security;
using Ingest.Collector.Settings;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Benchmarking;

/// <summary>
/// <c>Sink.Discard</c>: reads (and so parses) every batch of the stream and keeps nothing but counts, the
/// transport ceiling that the full pipeline is measured against. Admitted like an upload (the same stream
/// limit, refused while stopping); mapped only when <see cref="BenchmarkOptions.SinkEnabled"/> is set.
/// </summary>
internal sealed class SinkService(UploadGate gate, LastGoodOptions<IngestionOptions> options, IHostApplicationLifetime lifetime) : Wire.Sink.SinkBase
{
    public override async Task<Wire.UploadAck> Discard(IAsyncStreamReader<Wire.ReadingBatch> requestStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        ArgumentNullException.ThrowIfNull(context);
        var stopping = CallAdmission.Admit(context, lifetime);
        using var lease = gate.TryEnter() ?? throw RpcErrors.ResourceExhausted(gate.LimitReached, options.Current.RetryAfter);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, stopping);
        var ack = new Wire.UploadAck();
        string? validId = null;
        try
        {
            while (await requestStream.MoveNext(linked.Token))
            {
                var batch = requestStream.Current;
                if (!string.Equals(batch.SensorId, validId, StringComparison.Ordinal))
                {
                    if (SensorId.Validate(batch.SensorId) is { } idError)
                    {
                        throw RpcErrors.InvalidArgument($"batch {ack.BatchesCommitted + 1} of this stream: {idError}");
                    }

                    validId = batch.SensorId;
                }

                // Only a valid id reaches the key's binding check, whose refusal names the id.
                SensorAccess.EnsureMaySendAs(context, batch.SensorId);
                ack.SensorId = batch.SensorId;
                ack.BatchesCommitted++;
                ack.ReadingsCommitted += (ulong)(batch.Readings?.Values.Count ?? 0);
                ack.CommittedSequence = Math.Max(ack.CommittedSequence, batch.Sequence);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            throw RpcErrors.ShuttingDown();
        }

        return ack;
    }
}
