using Grpc.Core;
using Ingest.LoadBenchmark.Fleet;
using Microsoft.Extensions.Time.Testing;

namespace Ingest.LoadBenchmark.Tests.Fleet;

public sealed class FleetTallyTests
{
    [Fact]
    public void Mark_TheInstanceThatWelcomedLast_IsTheOneRestarted()
    {
        var tally = new FleetTally(2, new FakeTimeProvider());
        tally.Welcomed(0, first: true, "old");
        tally.Welcomed(1, first: true, "old");
        tally.Mark();

        tally.Welcomed(0, first: false, "old");
        tally.Welcomed(1, first: false, "new");

        Assert.Equal(1, tally.Storm.WelcomedCount);
        Assert.Equal(2, tally.EverWelcomed);
    }

    [Fact]
    public void FailedAndAcknowledged_AfterTheMark_CountInTheStormToo()
    {
        var tally = new FleetTally(1, new FakeTimeProvider());
        tally.Welcomed(0, first: true, "old");
        tally.Mark();

        tally.Failed(StatusCode.Unavailable);
        tally.Greeted("new");
        tally.Acknowledged(0, committedSequence: 5, readingsCommitted: 5, batchesCommitted: 5, duplicates: 0, rejected: 0);

        Assert.Equal(new Dictionary<string, long> { ["Unavailable"] = 1 }, tally.Storm.Errors);
        Assert.Equal(new Dictionary<string, long> { ["Unavailable"] = 1 }, tally.Errors);
        Assert.Equal(1, tally.Storm.AckedCount);
        Assert.Equal(5, tally.Acked(0).Sequence);
    }
}
