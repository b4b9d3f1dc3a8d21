using Ingest.Collector.Tests.Infrastructure;

namespace Ingest.Collector.Tests.Hosting;

public sealed class RestartTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ingest-tests", "restart-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Restart_SettledSequencesSurvive_SoResentBatchesAreDuplicates()
    {
        using (var first = new CollectorFactory(_directory))
        {
            await first.Ingestion.UploadAsync(Batches.Sequences("restart", 1, 3));
        }

        using var restarted = new CollectorFactory(_directory);
        var reply = await restarted.Greeter.GreetAsync(Batches.Greeting("restart"));
        var ack = await restarted.Ingestion.UploadAsync(Batches.Sequences("restart", 1, 5));

        Assert.Equal(3UL, reply.CommittedSequence);
        Assert.Equal(3UL, ack.DuplicateBatches);
        Assert.Equal(2UL, ack.BatchesCommitted);
        Assert.Equal(5, restarted.Stored.Chunks("restart"));
    }
}
