using Ingest.Collector.Tests.Infrastructure;

namespace Ingest.Collector.Tests.Hosting;

public sealed class RestartTests : IDisposable
{
    private readonly TempDirectory _directory = new("restart");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Restart_SettledSequencesSurvive_SoResentBatchesAreDuplicates()
    {
        using (var first = new CollectorFactory(_directory.Path))
        {
            await first.Ingestion.UploadAsync(Batches.Sequences("restart", 1, 3));
        }

        using var restarted = new CollectorFactory(_directory.Path);
        var reply = await restarted.Greeter.GreetAsync(Batches.Greeting("restart"));
        var ack = await restarted.Ingestion.UploadAsync(Batches.Sequences("restart", 1, 5));

        Assert.Equal(3UL, reply.CommittedSequence);
        Assert.Equal(3UL, ack.DuplicateBatches);
        Assert.Equal(2UL, ack.BatchesCommitted);
        Assert.Equal(5, restarted.Stored.Chunks("restart"));
    }
}
