using Ingest.Collector.SensorConfig;
using Ingest.Collector.Storage;

namespace Ingest.Collector.Tests.Storage.Contract;

/// <summary>One storage engine under the contract tests: a database of the test's own, and stores over it.</summary>
public abstract class StorageEngineUnderTest : IAsyncDisposable
{
    /// <summary>A new, unopened chunk store over the test's database (the same database on every call).</summary>
    internal abstract IChunkStore CreateChunkStore();

    /// <summary>A new, unloaded config store over the test's database (the same database on every call).</summary>
    internal abstract IConfigStore CreateConfigStore();

    /// <summary>The schema version the engine writes.</summary>
    internal abstract int CurrentSchemaVersion { get; }

    /// <summary>Marks the test's database as written by a newer collector (schema version <paramref name="version"/>).</summary>
    internal abstract Task MarkSchemaVersionAsync(int version);

    /// <summary>The one value <paramref name="sql"/> selects, as text, read as a user would (psql, or a plain connection).</summary>
    internal abstract Task<string> ScalarAsync(string sql);

    public abstract ValueTask DisposeAsync();
}
