namespace Ingest.EndToEnd.Tests.Infrastructure;

/// <summary>
/// End-to-end tests that share one real PostgreSQL server, started before the first of them and stopped after the last;
/// each test creates a database of its own.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
