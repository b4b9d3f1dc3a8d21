using Grpc.Core;
using Ingest.Protocol;
using Ingest.Protocol.V1;

namespace Ingest.LoadBenchmark.Load;

/// <summary>
/// Drives the naive pattern: every sensor task calls <c>Ingestion.Write</c> with one reading, in a loop,
/// each call waiting for its own commit. Ack latency is per call.
/// </summary>
internal sealed class NaiveDriver(CallInvoker invoker, TimeProvider time)
{
    private readonly Ingestion.IngestionClient _ingestion = new(invoker);

    /// <summary>Runs until <paramref name="stopSending"/> fires and the calls in flight are answered; <paramref name="abort"/> ends them at once.</summary>
    public async Task<RunTotals> RunAsync(int sensors, RunWindow window, CancellationToken stopSending, CancellationToken abort)
    {
        var spec = new DriveSpec(LoadPattern.Naive, sensors, new BatchTemplate(1), 1);
        var tallies = Enumerable.Range(0, sensors).Select(index => new SensorTally(spec.SensorId(index), window, time)).ToArray();
        await Task.WhenAll(tallies.Select((tally, index) =>
            Task.Run(() => RunSensorAsync(new SensorSequence(spec.SensorId(index), spec.Template, time), tally, stopSending, abort), abort)));
        return RunTotals.Sum(tallies);
    }

    private async Task RunSensorAsync(SensorSequence sensor, SensorTally tally, CancellationToken stopSending, CancellationToken abort)
    {
        while (!stopSending.IsCancellationRequested && !abort.IsCancellationRequested)
        {
            var started = time.GetTimestamp();
            try
            {
                var ack = await _ingestion.WriteAsync(sensor.Next(), WireProtocol.Headers(), cancellationToken: abort);
                tally.Acknowledged(ack, time.GetTimestamp(), [started], completedAt: null);
            }
            catch (RpcException) when (abort.IsCancellationRequested)
            {
                return;
            }
            catch (RpcException ex)
            {
                tally.Failed(ex.StatusCode);
                try
                {
                    await Task.Delay(StreamingDriver.PauseAfterError, time, abort);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
