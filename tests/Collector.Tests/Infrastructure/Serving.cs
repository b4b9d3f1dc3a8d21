using Ingest.Collector.Tests.Infrastructure;

namespace Ingest.Collector.Tests.Infrastructure;

internal static class Serving
{
    /// <summary>Proves the collector still serves others: a fresh sensor can greet and upload.</summary>
    public static async Task AssertStillServingAsync(this CollectorFactory collector)
    {
        var sensor = "bystander-" + Guid.NewGuid().ToString("N")[..8];
        var reply = await collector.Greeter.GreetAsync(Batches.Greeting(sensor));
        Assert.True(reply.Accepted);
        var ack = await collector.Ingestion.UploadAsync(Batches.Sequences(sensor, 1, 2));
        Assert.Equal(2UL, ack.BatchesCommitted);
    }
}
