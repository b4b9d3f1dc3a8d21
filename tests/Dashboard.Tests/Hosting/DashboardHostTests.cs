using Ingest.Dashboard.Feed;
using Ingest.Dashboard.Hosting;
using Ingest.Dashboard.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

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

    [Fact]
    public void Build_WithSeveralCollectors_SubscribesToEachInOrder()
    {
        using var host = DashboardHost.Build(
            [new Uri("http://127.0.0.1:5000"), new Uri("http://127.0.0.1:5001")], DashboardKey.Viewer, keyOverride: null);

        Assert.Equal(
            ["http://127.0.0.1:5000", "http://127.0.0.1:5001"],
            host.Services.GetRequiredService<FleetLoop>().Addresses);
    }

    [Fact]
    public void Build_WithoutCollectors_UsesTheSettings()
    {
        using var host = DashboardHost.Build([], DashboardKey.Viewer, keyOverride: null);

        Assert.Single(host.Services.GetRequiredService<FleetLoop>().Addresses);
    }
}
