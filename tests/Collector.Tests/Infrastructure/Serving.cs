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

    /// <summary>
    /// Runs <paramref name="bad"/> while a fresh sensor uploads beside it, and proves that upload is committed
    /// and stored in full: one caller's bad input never holds up another's.
    /// </summary>
    public static async Task<T> WhileOthersUploadAsync<T>(this CollectorFactory collector, Func<Task<T>> bad)
    {
        var sensor = "beside-" + Guid.NewGuid().ToString("N")[..8];
        var good = collector.Ingestion.UploadAsync(Batches.Sequences(sensor, 1, 3));
        var result = await bad();
        var ack = await good;
        Assert.Equal(3UL, ack.BatchesCommitted);
        Assert.Equal(3, collector.Stored.Chunks(sensor));
        return result;
    }

    /// <summary>Runs a call that must fail beside a good upload, and returns its error.</summary>
    public static Task<Grpc.Core.RpcException> RefusedWhileOthersUploadAsync(this CollectorFactory collector, Func<Task> bad) =>
        collector.WhileOthersUploadAsync(() => Assert.ThrowsAsync<Grpc.Core.RpcException>(bad));
}
