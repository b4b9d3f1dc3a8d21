using Grpc.Core;
using Ingest.LoadBenchmark.Fleet;
using Ingest.Protocol;

namespace Ingest.LoadBenchmark.Tests.Fleet;

public sealed class FleetSensorTests
{
    [Fact]
    public void RetryDelay_WithHint_IsAtLeastTheHintAndSpreadAboveIt()
    {
        var refusal = new RpcException(new Status(StatusCode.Unavailable, "busy"), new Metadata { { WireProtocol.RetryAfterTrailer, "2000" } });

        var delays = Enumerable.Range(0, 200).Select(_ => FleetSensor.RetryDelay(1, refusal)).ToList();

        Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3)));
        Assert.True(delays.Distinct().Count() > 100, "the delays after one hint are not spread");
    }
}
