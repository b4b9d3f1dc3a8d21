using Ingest.Collector.SensorConfig;
using Ingest.Collector.Storage;
using Ingest.Collector.Storage.Sqlite;
using Ingest.Collector.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Ingest.Collector.Tests.Storage.Contract;

/// <summary>The embedded engine: a SQLite file in a temporary directory.</summary>
public sealed class SqliteEngine(FakeTimeProvider time) : StorageEngineUnderTest
{
    private readonly TempDirectory _directory = new();

    private IOptions<StorageOptions> Options => Microsoft.Extensions.Options.Options.Create(new StorageOptions { Path = _directory.File("ingest.db") });

    internal override int CurrentSchemaVersion => SqliteSchema.CurrentVersion;

    internal override IChunkStore CreateChunkStore() => new SqliteChunkStore(Options, time);

    internal override IConfigStore CreateConfigStore() => new SqliteConfigStore(Options, time);

    internal override Task MarkSchemaVersionAsync(int version)
    {
        new SqliteFile(_directory.File("ingest.db")).Execute($"PRAGMA user_version = {version}");
        return Task.CompletedTask;
    }

    internal override Task<string> ScalarAsync(string sql) =>
        Task.FromResult(Convert.ToString(new SqliteFile(_directory.File("ingest.db")).Scalar(sql), System.Globalization.CultureInfo.InvariantCulture) ?? "");

    public override ValueTask DisposeAsync()
    {
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }
}
