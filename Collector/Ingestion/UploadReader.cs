using System.Runtime.CompilerServices;
using Grpc.Core;
using Ingest.Collector.Errors;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Ingestion;

/// <summary>
/// Reads an Upload stream's batches, each within its deadline (<see cref="UploadIdleTimeouts"/>): the first within the
/// first-batch timeout of opening, each next within the idle timeout after the one before. Only the wait for the sensor
/// counts; time the collector spends on a batch (waiting for room, for storage) does not. A stream that waits too long
/// ends with DeadlineExceeded and <see cref="TimedOut"/> set, so that an idle stream cannot hold an upload slot.
/// </summary>
internal sealed class UploadReader(IAsyncStreamReader<Wire.ReadingBatch> stream, UploadIdleTimeouts timeouts, TimeProvider time) : IDisposable
{
    private CancellationTokenSource? _idle;
    private string? _sensorId;

    public Wire.ReadingBatch Current => stream.Current;

    public int BatchesRead { get; private set; }

    /// <summary>Whether the stream was ended for waiting too long for a batch.</summary>
    public bool TimedOut { get; private set; }

    /// <summary>Reads the next batch; false at the end of the stream. Throws DeadlineExceeded when the sensor sends none in time.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken)
    {
        var timeout = _sensorId is null ? timeouts.First : timeouts.After(_sensorId);
        var idle = Arm(timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
        try
        {
            if (!await stream.MoveNext(linked.Token))
            {
                return false;
            }
        }
        catch (IOException ex)
        {
            // The client reset the stream, or its connection went, with no status: nobody is left to answer, and what it
            // sent still settles. A cancelled call, not a failure of the collector's (which grpc-dotnet would log as an
            // error with its stack, once per such stream).
            throw new RpcException(new Status(StatusCode.Cancelled, $"the client ended the stream without a status ({ex.Message})"));
        }
        catch (OperationCanceledException) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            TimedOut = true;
            throw RpcErrors.DeadlineExceeded(BatchesRead == 0
                ? $"no batch within {timeout.TotalSeconds:0.###} s of opening the stream (Collector:Ingestion:FirstBatchTimeout); open the stream when there is a batch to send"
                : $"no batch within {timeout.TotalSeconds:0.###} s of batch {BatchesRead} of this stream (Collector:Ingestion:BatchIdleTimeout); the batches sent are settled, greet to learn their outcome, and end a stream when there is nothing more to send");
        }

        BatchesRead++;
        _sensorId ??= stream.Current.SensorId ?? "";
        return true;
    }

    public void Dispose() => _idle?.Dispose();

    /// <summary>Starts the wait's deadline, on a fresh token source when the last one fired.</summary>
    private CancellationTokenSource Arm(TimeSpan timeout)
    {
        if (_idle is not null && _idle.TryReset())
        {
            _idle.CancelAfter(timeout);
            return _idle;
        }

        _idle?.Dispose();
        return _idle = new CancellationTokenSource(timeout, time);
    }
}
