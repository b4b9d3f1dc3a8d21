namespace Ingest.SensorSimulator.Tests.Spool;

public sealed class SpoolLockTests
{
    [Fact]
    public async Task OpenAsync_SpoolAlreadyOpen_FailsWithOneLineNamingThePathAndTheSetting()
    {
        using var directory = new TempDirectory("spool");
        await using var first = await TestSpools.OpenAsync(directory.Path);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TestSpools.OpenAsync(directory.Path));

        Assert.Contains(directory.Path, error.Message, StringComparison.Ordinal);
        Assert.Contains("Simulator:Spool:Path", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task OpenAsync_AfterTheFirstSpoolIsDisposed_Succeeds()
    {
        using var directory = new TempDirectory("spool");
        var first = await TestSpools.OpenAsync(directory.Path);
        await first.AppendAsync("s-1", SpoolTestBatches.Create("s-1", 1), CancellationToken.None);
        await first.DisposeAsync();

        await using var second = await TestSpools.OpenAsync(directory.Path);

        Assert.Equal(1, second.RecoveredBatches);
    }
}
