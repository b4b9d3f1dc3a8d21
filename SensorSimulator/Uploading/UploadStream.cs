using Grpc.Core;
using Ingest.Protocol.V1;
using Ingest.SensorSimulator.Model;

namespace Ingest.SensorSimulator.Uploading;

/// <summary>One open client-streaming upload of one sensor: write batches, then complete it for the acknowledgement.</summary>
internal sealed class UploadStream : IDisposable
{
    private readonly AsyncClientStreamingCall<ReadingBatch, UploadAck> _call;
    private readonly string _sensorId;
    private readonly ulong _session;

    public UploadStream(AsyncClientStreamingCall<ReadingBatch, UploadAck> call, string sensorId, ulong session)
    {
        _call = call;
        _sensorId = sensorId;
        _session = session;
    }

    public async Task WriteAsync(SealedBatch batch, CancellationToken cancellationToken)
    {
        try
        {
            await _call.RequestStream.WriteAsync(BatchPacker.Pack(_sensorId, batch, _session), cancellationToken);
        }
        catch (Exception) when (_call.ResponseAsync.IsFaulted)
        {
            // The collector ended the call: a write reports it as cancelled, the response carries the real
            // status and its trailers (such as retry-after-ms). Throw that instead.
            await _call.ResponseAsync;
            throw;
        }
    }

    public async Task<UploadAckResult> CompleteAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _call.RequestStream.CompleteAsync();
        }
        catch (Exception) when (_call.ResponseAsync.IsFaulted)
        {
            await _call.ResponseAsync;
            throw;
        }

        var ack = await _call.ResponseAsync.WaitAsync(cancellationToken);
        return Map(ack);
    }

    public void Dispose() => _call.Dispose();

    private static UploadAckResult Map(UploadAck ack)
    {
        var rejected = new HashSet<ulong>(ack.Rejected.Count);
        foreach (var batch in ack.Rejected)
        {
            rejected.Add(batch.Sequence);
        }

        var gapBatches = 0UL;
        foreach (var gap in ack.Gaps)
        {
            gapBatches += gap.LastSequence >= gap.FirstSequence ? gap.LastSequence - gap.FirstSequence + 1 : 0;
        }

        return new UploadAckResult(
            ack.CommittedSequence,
            ack.BatchesCommitted,
            ack.DuplicateBatches,
            rejected,
            ack.Rejected.Count > 0 ? ack.Rejected[0].Reason : "",
            gapBatches);
    }
}
