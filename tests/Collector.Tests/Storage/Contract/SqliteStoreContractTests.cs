namespace Ingest.Collector.Tests.Storage.Contract;

/// <summary>The storage contract on the embedded SQLite engine.</summary>
public sealed class SqliteStoreContractTests : StorageContractTests
{
    private protected override Task<StorageEngineUnderTest> CreateEngineAsync() => Task.FromResult<StorageEngineUnderTest>(new SqliteEngine(Time));
}
