using Ingest.Collector.Hosting;
using Ingest.Collector.Storage.Sqlite;
using Ingest.Collector.Tests.Infrastructure;
using Ingest.Collector.Tests.Security;
using Ingest.ServiceDefaults.Configuration;
using Ingest.ServiceDefaults.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Ingest.Collector.Tests.Hosting;

/// <summary>Builds the collector's host directly, as <see cref="DemoKeyGuardTests"/> does: the test server would swallow the start-up failure.</summary>
[Collection(HostBuildingCollection.Name)]
public sealed class DamagedDatabaseStartTests : IDisposable
{
    private readonly TempDirectory _directory = new("damaged-start");

    private string DatabasePath => _directory.File("ingest.db");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Start_DatabaseCutShortByHalfAPage_RefusesWithOneMessageSayingHowToRecover()
    {
        using (var collector = new CollectorFactory(_directory.Path))
        {
            await collector.Ingestion.UploadAsync(ReadingBatches.Sequences("cut-short", 1, 50));
        }

        // Everything in the file itself, as after a clean stop: the last connection to close checkpoints the log and removes it.
        new SqliteFile(DatabasePath).Execute("PRAGMA wal_checkpoint(TRUNCATE)");
        Assert.False(File.Exists(DatabasePath + "-wal"), "the write-ahead log is still there, so cutting the file would not be the only damage");
        FileDamage.CutShort(DatabasePath, SqliteSchema.PageSizeBytes / 2);

        var error = await Assert.ThrowsAsync<StartupRefusedException>(StartAsync);

        Assert.StartsWith($"The database {DatabasePath} is damaged: its size, ", error.Message, StringComparison.Ordinal);
        Assert.Contains("is not a whole number of its 16,384-byte pages: the file was cut short. The collector does not start on a damaged database.", error.Message, StringComparison.Ordinal);
        Assert.Contains($"mv {DatabasePath} {DatabasePath}.damaged", error.Message, StringComparison.Ordinal);
        Assert.Contains("restore the latest backup", error.Message, StringComparison.Ordinal);
        Assert.Contains($"sqlite3 {DatabasePath}.damaged \".recover\" | sqlite3 {DatabasePath}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_DatabaseWithADamagedPage_RefusesWithWhatQuickCheckFinds()
    {
        using (var collector = new CollectorFactory(_directory.Path))
        {
            await collector.Ingestion.UploadAsync(ReadingBatches.Sequences("broken-page", 1, 50));
            FileDamage.BreakRootPage(collector.DatabasePath, "chunks");
        }

        var error = await Assert.ThrowsAsync<StartupRefusedException>(StartAsync);

        Assert.StartsWith($"The database {DatabasePath} is damaged: PRAGMA quick_check finds: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("***", error.Message, StringComparison.Ordinal);
        Assert.Contains(". The collector does not start on a damaged database.", error.Message, StringComparison.Ordinal);
        Assert.Contains("restore the latest backup", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_DatabaseLockedByAnotherCollector_RefusesWithOneMessageNamingTheLockFileAndTheFix()
    {
        // Another collector's lock on the file, as its store takes it.
        Directory.CreateDirectory(_directory.Path);
        using var heldByAnother = new FileStream(DatabasePath + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        var error = await Assert.ThrowsAsync<StartupRefusedException>(StartAsync);

        Assert.StartsWith($"Another collector is using the database {DatabasePath} (it holds {DatabasePath}.lock). Stop that collector, or give this one another database file",
            error.Message, StringComparison.Ordinal);
    }

    private async Task StartAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development, ContentRootPath = AppContext.BaseDirectory });
        builder.AddIngestSharedSettings();
        builder.Configuration["Collector:Storage:Path"] = DatabasePath;
        builder.AddCollector();
        await using var app = builder.Build();
        try
        {
            await app.StartAsync();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }
}
