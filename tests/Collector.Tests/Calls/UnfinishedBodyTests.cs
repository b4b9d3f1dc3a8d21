using System.Diagnostics;
using Grpc.Core;
using Ingest.Collector.Tests.Infrastructure;
using Xunit.Abstractions;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.Calls;

/// <summary>
/// A call refused while its client is still sending never harms the other streams of its connection: hundreds of
/// refused uploads a second on one HTTP/2 connection leave a good upload on that same connection to finish.
/// </summary>
public sealed class UnfinishedBodyTests(ITestOutputHelper output) : IDisposable
{
    private readonly LogCapture _logs = new();
    private LoopbackCollector? _loopback;

    private LoopbackCollector Loopback => _loopback ??= LoopbackCollector.Start(new CollectorFactory().WithLogs(_logs));

    public void Dispose() => _loopback?.Dispose();

    [Fact]
    public async Task RefusedUploads_HundredsASecond_OnTheSameConnection_LeaveAGoodUploadToFinish()
    {
        const int perTick = 50;
        const int ticks = 60;
        var tick = TimeSpan.FromMilliseconds(100);
        using var good = Loopback.Channel();
        using var refused = Loopback.Channel("not-a-configured-key");
        var witness = "witness-" + Guid.NewGuid().ToString("N")[..8];
        using var upload = new Wire.Ingestion.IngestionClient(good).Upload(deadline: DateTime.UtcNow.AddMinutes(2));
        await upload.RequestStream.WriteAsync(ReadingBatches.Regular(witness, 1));
        await Eventually.UntilAsync(() => Loopback.Collector.Stored.Chunks(witness) == 1, "the witness's first batch is stored");

        // Each refused upload is a sensor that has sent its first batch and would send more: its body is still open when it is refused.
        var attacker = new Wire.Ingestion.IngestionClient(refused);
        var calls = new List<Task<StatusCode>>();
        var clock = Stopwatch.StartNew();
        using var pace = new PeriodicTimer(tick);
        for (var i = 0; i < ticks; i++)
        {
            for (var j = 0; j < perTick; j++)
            {
                calls.Add(RefusedUploadAsync(attacker));
            }

            await pace.WaitForNextTickAsync();
        }

        var statuses = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromMinutes(1));
        var rate = calls.Count / clock.Elapsed.TotalSeconds;
        foreach (var batch in ReadingBatches.Sequences(witness, 2, 3))
        {
            await upload.RequestStream.WriteAsync(batch);
        }

        await upload.RequestStream.CompleteAsync();
        var ack = await upload;
        output.WriteLine($"{calls.Count} refused uploads at {rate:F0} a second: {string.Join(", ", statuses.GroupBy(s => s).Select(g => $"{g.Key} x{g.Count()}"))}");

        Assert.Equal(3UL, ack.BatchesCommitted);
        Assert.All(statuses, status => Assert.Equal(StatusCode.Unauthenticated, status));
        _logs.AssertNoErrors();
    }

    private static async Task<StatusCode> RefusedUploadAsync(Wire.Ingestion.IngestionClient client)
    {
        using var call = client.Upload(deadline: DateTime.UtcNow.AddMinutes(1));
        try
        {
            await call.RequestStream.WriteAsync(ReadingBatches.Regular("sim-refused", 1));
            await call.ResponseAsync;
            return StatusCode.OK;
        }
        catch (RpcException ex)
        {
            return ex.StatusCode;
        }
        catch (InvalidOperationException)
        {
            // Refused before the batch was written: the call's status says why.
            return call.GetStatus().StatusCode;
        }
    }
}
