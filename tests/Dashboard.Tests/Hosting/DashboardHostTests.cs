using Ingest.Dashboard.Hosting;
using Microsoft.Extensions.Configuration;

namespace Ingest.Dashboard.Tests.Hosting;

public sealed class DashboardHostTests
{
    [Fact]
    public void LogOverrides_WithoutADashboardLogsSection_TurnConsoleLogsOff()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Logs:Console", "true")]).Build();

        var overrides = DashboardHost.LogOverrides(configuration).ToDictionary();

        Assert.Equal("false", overrides["Logs:Console"]);
    }

    [Fact]
    public void LogOverrides_CopyEveryDashboardLogsKey()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(
        [
            new("Logs:Console", "true"),
            new("Dashboard:Logs:Console", "false"),
            new("Dashboard:Logs:JsonFile", "logs/dashboard.json"),
        ]).Build();

        var overrides = DashboardHost.LogOverrides(configuration).ToDictionary();

        Assert.Equal("false", overrides["Logs:Console"]);
        Assert.Equal("logs/dashboard.json", overrides["Logs:JsonFile"]);
    }
}
