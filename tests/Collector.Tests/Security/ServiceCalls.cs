using Grpc.Core;
using Grpc.Net.Client;
using Ingest.Collector.Tests.Infrastructure;
using Ingest.Protocol;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.Security;

/// <summary>One call to each collector service, for the tests of who may make it.</summary>
internal static class ServiceCalls
{
    public static readonly TheoryData<string> Services = ["Greeter", "Ingestion", "Aggregates", "Query", "Control", "Admin"];

    /// <summary>Makes one call to <paramref name="service"/> and reads its first answer; throws the call's RpcException.</summary>
    public static async Task CallAsync(GrpcChannel channel, string service, Metadata? headers = null, string sensorId = "sim-1")
    {
        var deadline = DateTime.UtcNow.Add(Eventually.DefaultTimeout);
        var all = new Metadata();
        foreach (var entry in WireProtocol.Headers().Concat(headers ?? []))
        {
            all.Add(entry);
        }

        using var cancel = new CancellationTokenSource(Eventually.DefaultTimeout);
        switch (service)
        {
            case "Greeter":
                await new Wire.Greeter.GreeterClient(channel).GreetAsync(IngestionCalls.Greeting(sensorId), all, deadline);
                break;
            case "Ingestion":
                await new Wire.Ingestion.IngestionClient(channel).WriteAsync(ReadingBatches.Regular(sensorId, 1), all, deadline);
                break;
            case "Aggregates":
                using (var call = new Wire.Aggregates.AggregatesClient(channel).Subscribe(new Wire.SubscribeRequest(), all, deadline))
                {
                    Assert.True(await call.ResponseStream.MoveNext(cancel.Token));
                }

                break;
            case "Query":
                using (var call = new Wire.Query.QueryClient(channel).ReadReadings(new Wire.ReadReadingsRequest { SensorId = sensorId }, all, deadline))
                {
                    while (await call.ResponseStream.MoveNext(cancel.Token))
                    {
                    }
                }

                break;
            case "Control":
                using (var call = new Wire.Control.ControlClient(channel).Connect(all, deadline))
                {
                    try
                    {
                        await call.RequestStream.WriteAsync(ControlLink.Hello(sensorId), cancel.Token);
                    }
                    catch (Exception ex) when (ex is RpcException { StatusCode: StatusCode.Cancelled } or InvalidOperationException)
                    {
                        // The collector refused the call while the hello was being written: the write reports the call as
                        // cancelled (or complete), and the response stream carries the real status, read below. This race
                        // made Call_WithUnknownKey_IsUnauthenticated(Control) see Cancelled now and then.
                    }

                    Assert.True(await call.ResponseStream.MoveNext(cancel.Token));
                }

                break;
            case "Admin":
                await new Wire.Admin.AdminClient(channel).ListSensorsAsync(new Wire.ListSensorsRequest(), all, deadline);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(service), service, "not a collector service");
        }
    }

    /// <summary>The status the call to <paramref name="service"/> fails with.</summary>
    public static async Task<RpcException> FailureAsync(GrpcChannel channel, string service, Metadata? headers = null, string sensorId = "sim-1") =>
        await Assert.ThrowsAsync<RpcException>(() => CallAsync(channel, service, headers, sensorId));
}
