using Ingest.Collector.Tests.Storage.Postgres;

namespace Ingest.Collector.Tests.Storage.Contract;

/// <summary>The storage contract on the PostgreSQL engine, on a real server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStoreContractTests(PostgresServer server) : StorageContractTests
{
    private protected override async Task<StorageEngineUnderTest> CreateEngineAsync() => await PostgresEngine.CreateAsync(server, Time);
}
