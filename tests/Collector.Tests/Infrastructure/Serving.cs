
namespace Ingest.Collector.Tests.Infrastructure;

internal static class Serving
{
    /// <summary>Proves the collector still serves others: a fresh sensor can greet and upload.</summary>
    public static async Task AssertStillServingAsync(this CollectorFactory collector)
    {
        var sensor = "bystander-" + Guid.NewGuid().ToString("N")[..8];
        var reply = await collector.Greeter.GreetAsync(IngestionCalls.Greeting(sensor));
        Assert.True(reply.Accepted);
        var ack = await collector.Ingestion.UploadAsync(ReadingBatches.Sequences(sensor, 1, 2));
        Assert.Equal(2UL, ack.BatchesCommitted);
    }

    /// <summary>
    /// Runs <paramref name="bad"/> while a fresh sensor's upload is open beside it (its first batch stored before the
    /// bad call, the rest written after it), and proves that upload is committed and stored in full: one caller's
    /// bad input never holds up another's.
    /// </summary>
    public static async Task<T> WhileOthersUploadAsync<T>(this CollectorFactory collector, Func<Task<T>> bad)
    {
        ArgumentNullException.ThrowIfNull(bad);
        const ulong batches = 3;
        var sensor = "beside-" + Guid.NewGuid().ToString("N")[..8];
        using var good = collector.Ingestion.Upload(deadline: DateTime.UtcNow.AddSeconds(30));
        await good.RequestStream.WriteAsync(ReadingBatches.Regular(sensor, 1));
        await Eventually.UntilAsync(() => collector.Stored.Chunks(sensor) == 1, "the good upload's first batch is stored");

        var result = await bad();

        foreach (var batch in ReadingBatches.Sequences(sensor, 2, batches))
        {
            await good.RequestStream.WriteAsync(batch);
        }

        await good.RequestStream.CompleteAsync();
        var ack = await good;
        Assert.Equal(batches, ack.BatchesCommitted);
        Assert.Equal((long)batches, collector.Stored.Chunks(sensor));
        return result;
    }

    /// <summary>Runs a call that must fail beside a good upload, and returns its error.</summary>
    public static Task<Grpc.Core.RpcException> RefusedWhileOthersUploadAsync(this CollectorFactory collector, Func<Task> bad) =>
        collector.WhileOthersUploadAsync(() => Assert.ThrowsAsync<Grpc.Core.RpcException>(bad));
}
