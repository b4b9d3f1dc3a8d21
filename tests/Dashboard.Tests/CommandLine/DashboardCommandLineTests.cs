using Ingest.Dashboard.CommandLine;
using Ingest.Dashboard.Errors;
using Ingest.Dashboard.Model;
using Ingest.Dashboard.Tests.Infrastructure;

namespace Ingest.Dashboard.Tests.CommandLine;

public sealed class DashboardCommandLineTests : IDisposable
{
    private readonly RecordingCommands _commands = new();
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public void Dispose()
    {
        _output.Dispose();
        _error.Dispose();
    }

    [Fact]
    public async Task NoArguments_RunsTheLiveViewWithDefaults()
    {
        Assert.Equal(0, await Invoke());

        var view = Assert.IsType<ViewRequest>(_commands.Request);
        Assert.Empty(view.SensorPatterns);
        Assert.Empty(view.Kinds);
        Assert.Equal(SortOrder.Id, view.Sort);
        Assert.Null(view.Window);
        Assert.Empty(view.Collectors);
        Assert.Equal(TimeSpan.FromSeconds(10), view.Timeout);
        Assert.False(view.Once);
        Assert.False(view.Json);
    }

    [Fact]
    public async Task ViewOptions_AreParsed()
    {
        await Invoke(
            "--sensor", "sim-*", "--sensor", "lab-1,lab-2", "--kind", "humidity", "-k", "pressure", "--sort", "STATUS",
            "--window", "10s", "--collector", "http://127.0.0.1:5001", "--timeout", "3s", "--once", "--json");

        var view = Assert.IsType<ViewRequest>(_commands.Request);
        Assert.Equal(["sim-*", "lab-1", "lab-2"], view.SensorPatterns);
        Assert.Equal(["humidity", "pressure"], view.Kinds);
        Assert.Equal(SortOrder.Status, view.Sort);
        Assert.Equal(TimeSpan.FromSeconds(10), view.Window);
        Assert.Equal([new Uri("http://127.0.0.1:5001")], view.Collectors);
        Assert.Equal(TimeSpan.FromSeconds(3), view.Timeout);
        Assert.True(view.Once);
        Assert.True(view.Json);
    }

    [Fact]
    public async Task Export_IsParsedWithRelativeTimesAndACollector()
    {
        Assert.Equal(0, await Invoke("export", "--sensor", "sim-1", "--from", "-5m", "--to", "now", "--out", "x.csv", "--collector", "http://10.0.0.2:5000"));

        var export = Assert.IsType<ExportRequest>(_commands.Request);
        Assert.Equal("sim-1", export.SensorId);
        Assert.Equal(TimeSpan.FromMinutes(-5), export.From.Offset);
        Assert.Equal(TimeArgument.Now, export.To);
        Assert.Equal("x.csv", export.OutputPath);
        Assert.Equal([new Uri("http://10.0.0.2:5000")], export.Collectors);
    }

    [Fact]
    public async Task Collector_RepeatedAndCommaSeparated_GivesEveryCollectorInOrder()
    {
        Assert.Equal(0, await Invoke(
            "--once", "--collector", "http://127.0.0.1:5000", "--collector", "http://127.0.0.1:5001,https://10.0.0.3:5002"));

        Assert.Equal(
            [new Uri("http://127.0.0.1:5000"), new Uri("http://127.0.0.1:5001"), new Uri("https://10.0.0.3:5002")],
            Assert.IsType<ViewRequest>(_commands.Request).Collectors);
    }

    [Fact]
    public async Task Collector_SeveralOnAdminCommands_AreAllPassedOn()
    {
        Assert.Equal(0, await Invoke("config", "list", "--collector", "http://127.0.0.1:5000,http://127.0.0.1:5001"));

        Assert.Equal(
            [new Uri("http://127.0.0.1:5000"), new Uri("http://127.0.0.1:5001")],
            Assert.IsType<ConfigListRequest>(_commands.Request).Collectors);
    }

    [Fact]
    public async Task Collector_OneBadAmongSeveral_ExitsOneNamingTheBadOne()
    {
        var exit = await Invoke("--once", "--collector", "http://127.0.0.1:5000,127.0.0.1:5001");

        Assert.Equal(ExitCodes.UsageOrFailure, exit);
        Assert.Contains("--collector '127.0.0.1:5001' is not an http:// or https:// address", _error.ToString(), StringComparison.Ordinal);
        Assert.Null(_commands.Request);
    }

    [Fact]
    public async Task Key_IsParsedForViewsExportAndAdminCommands()
    {
        await Invoke("--once", "--key", "viewer-1");
        Assert.Equal("viewer-1", Assert.IsType<ViewRequest>(_commands.Request).Key);

        await Invoke("export", "--sensor", "sim-1", "--from", "-5m", "--key", "viewer-2");
        Assert.Equal("viewer-2", Assert.IsType<ExportRequest>(_commands.Request).Key);

        await Invoke("config", "list", "--key", "admin-1");
        Assert.Equal("admin-1", Assert.IsType<ConfigListRequest>(_commands.Request).Key);

        await Invoke("command", "flush", "--all", "--key", "admin-2");
        Assert.Equal("admin-2", Assert.IsType<SensorCommandRequest>(_commands.Request).Key);
    }

    [Fact]
    public async Task Key_WhenLeftOut_IsNullSoThatTheSettingApplies()
    {
        await Invoke("config", "list");

        Assert.Null(Assert.IsType<ConfigListRequest>(_commands.Request).Key);
    }

    [Fact]
    public async Task Export_ToDefaultsToNow()
    {
        await Invoke("export", "--sensor", "sim-1", "--from", "2025-05-01T00:00:00Z");

        Assert.Equal(TimeArgument.Now, Assert.IsType<ExportRequest>(_commands.Request).To);
    }

    [Theory]
    [InlineData("--sort,bogus", "--sort 'bogus' is not one of id, kind, status, rate, last")]
    [InlineData("--window,soon", "--window 'soon' is not a positive duration")]
    [InlineData("--timeout,0s", "--timeout '0s' is not a positive duration")]
    [InlineData("--collector,127.0.0.1:5000", "--collector '127.0.0.1:5000' is not an http:// or https:// address")]
    [InlineData("--key,", "--key is empty")]
    [InlineData("--frobnicate", "--frobnicate")]
    [InlineData("export,--from,-5m", "--sensor")]
    [InlineData("export,--sensor,a,--from,yesterday", "--from 'yesterday' is not a time")]
    public async Task BadArguments_ExitOneWithAClearMessageAndRunNothing(string args, string message)
    {
        var exit = await Invoke(args.Split(','));

        Assert.Equal(ExitCodes.UsageOrFailure, exit);
        Assert.Contains(message, _error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Run with --help for usage.", _error.ToString(), StringComparison.Ordinal);
        Assert.Null(_commands.Request);
    }

    [Fact]
    public async Task Help_ListsTheOptionsAndExportAndRunsNothing()
    {
        Assert.Equal(0, await Invoke("--help"));

        var help = _output.ToString();
        foreach (var expected in new[] { "--sensor", "--kind", "--sort", "--window", "--collector", "--timeout", "--once", "--json", "export" })
        {
            Assert.Contains(expected, help, StringComparison.Ordinal);
        }

        Assert.Null(_commands.Request);
    }

    [Fact]
    public async Task UnexpectedFailure_ExitsOneAndSaysWhat()
    {
        _commands.Failure = new OperationCanceledException("a timeout deep inside");

        Assert.Equal(ExitCodes.UsageOrFailure, await Invoke("--once"));
        Assert.Contains("error: unexpected failure: System.OperationCanceledException: a timeout deep inside", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InterruptedCommand_Exits130()
    {
        using var interrupted = new CancellationTokenSource();
        await interrupted.CancelAsync();
        _commands.Failure = new OperationCanceledException(interrupted.Token);

        Assert.Equal(ExitCodes.Interrupted, await DashboardCommandLine.InvokeAsync(["--once"], _commands, _output, _error, interrupted.Token));
    }

    private Task<int> Invoke(params string[] args) =>
        DashboardCommandLine.InvokeAsync(args, _commands, _output, _error, CancellationToken.None);
}
