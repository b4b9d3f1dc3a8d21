using Grpc.Core;
using Ingest.Protocol;
using Ingest.Protocol.V1;

namespace Ingest.LoadBenchmark.Load;

/// <summary>
/// Drives the full pipeline (<c>Ingestion.Upload</c>) or the transport ceiling (<c>Sink.Discard</c>): every
/// sensor task sends streams of <see cref="DriveSpec.WindowBatches"/> batches back to back, each as fast as
/// the call accepts writes (HTTP/2 flow control is the backpressure), and awaits each stream's one
/// acknowledgement. Ack latency is per batch, from the moment the batch is handed to the call to the ack
/// that covers it (so a batch written early in a stream waits for the rest of it); the wait from completing
/// the request stream to the ack is kept as a second figure, one sample per stream. With several collectors
/// (<paramref name="invokers"/>, one each), the sensors are split over them (<see cref="SensorSplit"/>).
/// </summary>
internal sealed class StreamingDriver(IReadOnlyList<CallInvoker> invokers, TimeProvider time)
{
    /// <summary>The pause after a failed stream before the next, unless the collector's retry hint asks for longer.</summary>
    public static readonly TimeSpan PauseAfterError = TimeSpan.FromMilliseconds(100);

    private readonly Ingestion.IngestionClient[] _ingestion = [.. invokers.Select(invoker => new Ingestion.IngestionClient(invoker))];
    private readonly Sink.SinkClient[] _sink = [.. invokers.Select(invoker => new Sink.SinkClient(invoker))];

    /// <summary>
    /// Runs until <paramref name="stopSending"/> fires, then lets every open stream complete and be acknowledged;
    /// <paramref name="abort"/> ends the calls at once.
    /// </summary>
    public async Task<RunTotals> RunAsync(DriveSpec spec, RunWindow window, CancellationToken stopSending, CancellationToken abort)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Pattern == LoadPattern.Naive)
        {
            throw new ArgumentException("the naive pattern is driven by NaiveDriver", nameof(spec));
        }

        var tallies = Enumerable.Range(0, spec.Sensors).Select(index => new SensorTally(spec.SensorId(index), window, time)).ToArray();
        await Task.WhenAll(tallies.Select((tally, index) =>
            Task.Run(() => RunSensorAsync(spec, SensorSplit.CollectorOf(index, _ingestion.Length), new SensorSequence(spec.SensorId(index), spec.Template, time), tally, stopSending, abort), abort)));
        return RunTotals.Sum(tallies);
    }

    private async Task RunSensorAsync(DriveSpec spec, int collector, SensorSequence sensor, SensorTally tally, CancellationToken stopSending, CancellationToken abort)
    {
        var pacer = spec.BatchInterval is { } interval ? new Pacer(time, interval) : null;
        var writtenAt = new long[spec.WindowBatches];
        while (!stopSending.IsCancellationRequested && !abort.IsCancellationRequested)
        {
            using var call = spec.Pattern == LoadPattern.Full
                ? _ingestion[collector].Upload(WireProtocol.Headers(), cancellationToken: abort)
                : _sink[collector].Discard(WireProtocol.Headers(), cancellationToken: abort);
            try
            {
                var written = 0;
                while (written < spec.WindowBatches && !stopSending.IsCancellationRequested)
                {
                    if (pacer is not null)
                    {
                        await pacer.WaitAsync(abort);
                    }

                    var batch = sensor.Next();
                    writtenAt[written] = time.GetTimestamp();
                    await call.RequestStream.WriteAsync(batch, abort);
                    written++;
                }

                var completed = time.GetTimestamp();
                await call.RequestStream.CompleteAsync();
                var ack = await call.ResponseAsync;
                tally.Acknowledged(ack, time.GetTimestamp(), writtenAt.AsSpan(0, written), completed);
            }
            catch (OperationCanceledException) when (abort.IsCancellationRequested)
            {
                return;
            }
            catch (RpcException ex)
            {
                if (abort.IsCancellationRequested)
                {
                    return;
                }

                tally.Failed(ex.StatusCode);
                await PauseAsync(ex, abort);
            }
            catch (InvalidOperationException)
            {
                // A write after the collector ended the call: the call's status says why.
                var status = call.GetStatus().StatusCode;
                tally.Failed(status == StatusCode.OK ? StatusCode.Unknown : status);
                await PauseAsync(null, abort);
            }
        }
    }

    private async Task PauseAsync(RpcException? error, CancellationToken abort)
    {
        var hint = error is null ? null : WireProtocol.RetryAfter(error);
        try
        {
            await Task.Delay(hint is { } h && h > PauseAfterError ? h : PauseAfterError, time, abort);
        }
        catch (OperationCanceledException)
        {
            // Aborting: the loop ends.
        }
    }
}
