using Grpc.Core;
using Grpc.Net.Client;
using Ingest.Collector.Tests.Infrastructure;
using Xunit.Abstractions;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.Control;

/// <summary>
/// A stopping collector ends every open control stream with Unavailable: each sensor on its own connection, sending
/// heartbeats, with an upload open beside it. (The collector process stopped by SIGTERM under a fleet of 1,000 ended
/// almost every control stream with "the HTTP/2 server closed the connection" instead, which this in-process stop does
/// not show: see docs/performance/fleet.md.)
/// </summary>
public sealed class ControlShutdownTests(ITestOutputHelper output)
{
    [Fact]
    public async Task OpenControlStreams_WhenTheCollectorStops_EndUnavailable()
    {
        const int sensors = 100;
        var loopback = LoopbackCollector.Start(new CollectorFactory());
        var handlers = Enumerable.Range(0, sensors).Select(_ => new SocketsHttpHandler()).ToList();
        var channels = handlers.Select(h => GrpcChannel.ForAddress(loopback.Address, new GrpcChannelOptions { HttpHandler = new KeyHandler(h), DisposeHttpClient = true })).ToList();
        var welcomed = new CountdownEvent(sensors);
        var streams = channels.Select(async (channel, i) =>
        {
            using var call = new Wire.Control.ControlClient(channel).Connect();
            await call.RequestStream.WriteAsync(ControlLink.Hello($"shutdown-{i}"));
            using var upload = new Wire.Ingestion.IngestionClient(channel).Upload();
            await upload.RequestStream.WriteAsync(ReadingBatches.Regular($"shutdown-{i}", 1));
            using var stopBeating = new CancellationTokenSource();
            var beating = Task.Run(async () =>
            {
                try
                {
                    while (!stopBeating.IsCancellationRequested)
                    {
                        await call.RequestStream.WriteAsync(new Wire.SensorMessage { Heartbeat = new Wire.Heartbeat() }, stopBeating.Token);
                        await Task.Delay(20, stopBeating.Token);
                    }
                }
                catch (Exception ex) when (ex is OperationCanceledException or RpcException or InvalidOperationException or IOException)
                {
                    // The stream ended.
                }
            });
            try
            {
                var first = true;
                while (await call.ResponseStream.MoveNext(CancellationToken.None))
                {
                    if (first)
                    {
                        first = false;
                        welcomed.Signal();
                    }
                }

                return "OK (ended without a status)";
            }
            catch (RpcException ex)
            {
                return $"{ex.StatusCode}: {ex.Status.Detail}";
            }
            finally
            {
                await stopBeating.CancelAsync();
                await beating;
            }
        }).ToList();
        try
        {
            await Eventually.UntilAsync(() => welcomed.CurrentCount == 0, "every sensor was welcomed", TimeSpan.FromSeconds(30));

            await Task.Run(loopback.Dispose);
            var ends = await Task.WhenAll(streams);

            foreach (var group in ends.GroupBy(e => e))
            {
                output.WriteLine($"{group.Count()} x {group.Key}");
            }

            Assert.All(ends, e => Assert.StartsWith("Unavailable: ", e, StringComparison.Ordinal));
        }
        finally
        {
            channels.ForEach(c => c.Dispose());
            welcomed.Dispose();
        }
    }
}
