using Ingest.LoadBenchmark.Storage;

namespace Ingest.LoadBenchmark.Tests.Storage;

public sealed class StorageVerdictTests
{
    [Fact]
    public void Compare_StoredAsAcknowledged_Passes()
    {
        var verdict = StorageVerdict.Compare(new StoredTotals(5000, 50, 50), ackedReadings: 5000, ackedBatches: 50);

        Assert.True(verdict.Passed);
    }

    [Fact]
    public void Compare_MoreStoredThanAcknowledged_FailsNamingBothCounts()
    {
        var verdict = StorageVerdict.Compare(new StoredTotals(5100, 51, 51), ackedReadings: 5000, ackedBatches: 50);

        Assert.False(verdict.Passed);
        Assert.Contains("5,100 readings stored but 5,000 acknowledged", verdict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_SameSequenceStoredTwice_Fails()
    {
        var verdict = StorageVerdict.Compare(new StoredTotals(5000, 50, 49), ackedReadings: 5000, ackedBatches: 50);

        Assert.False(verdict.Passed);
        Assert.Contains("stored more than once", verdict.Detail, StringComparison.Ordinal);
    }
}
