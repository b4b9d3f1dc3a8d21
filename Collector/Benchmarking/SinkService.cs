using Grpc.Core;
using Ingest.Collector.Errors;
using Ingest.Collector.Hosting;
using Ingest.Collector.Ingestion;
using Ingest.Collector.Security;
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
        try
        {
            while (await requestStream.MoveNext(linked.Token))
            {
                var batch = requestStream.Current;
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
