using Ingest.Collector.Hosting;
using Ingest.ServiceDefaults.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Ingest.Collector.Tests.Security;

/// <summary>
/// Builds the collector's host directly (the test server would swallow the start-up failure), alone: a host
/// built while a test server waits for the collector's would be taken for it.
/// </summary>
[Collection(HostBuildingCollection.Name)]
public sealed class DemoKeyGuardTests
{
    [Fact]
    public async Task Start_WithDemoKeysInProduction_RefusesNamingTheKeyEntry()
    {
        using var directory = new TempDirectory("security");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production, ContentRootPath = AppContext.BaseDirectory });
        builder.AddIngestSharedSettings();
        builder.Configuration["Collector:Storage:Path"] = Path.Combine(directory.Path, "ingest.db");
        builder.AddCollector();
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("Collector:Security:Keys:demo-sensors:Key is a demo key", error.Message, StringComparison.Ordinal);
        Assert.Contains("README \"Security\"", error.Message, StringComparison.Ordinal);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
