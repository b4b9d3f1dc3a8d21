namespace Ingest.Collector.Tests.Storage.Postgres;

/// <summary>
/// Tests that share one real PostgreSQL server, started before the first of them and stopped after the last; each test
/// creates a database of its own (<see cref="PostgresServer.CreateDatabaseAsync"/>), so that they do not see each other.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
