using Ingest.Dashboard.Admin;
using Ingest.Dashboard.CommandLine;
using Ingest.Dashboard.Errors;
using Ingest.Dashboard.Tests.Infrastructure;

namespace Ingest.Dashboard.Tests.CommandLine;

public sealed class ConfigCommandLineTests : IDisposable
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
    public async Task ConfigSet_KindSettingsAndWait_AreParsedInOrderWithTheWaitTimeout()
    {
        Assert.Equal(0, await Invoke("config", "set", "--kind", "temperature", "SamplingInterval=50ms", "BatchSize=200", "--wait", "--collector", "http://10.0.0.2:5000"));

        var set = Assert.IsType<ConfigSetRequest>(_commands.Request);
        Assert.Equal(ConfigScope.ForKind("temperature"), set.Scope);
        Assert.Equal([new("SamplingInterval", "50ms"), new("BatchSize", "200")], set.Settings.ToArray());
        Assert.True(set.Wait);
        Assert.Equal(ConfigSetRequest.DefaultWaitTimeout, set.Timeout);
        Assert.Equal([new Uri("http://10.0.0.2:5000")], set.Collectors);
    }

    [Fact]
    public async Task ConfigSet_WithoutWait_UsesTheCallTimeoutAndTakesAGivenOne()
    {
        await Invoke("config", "set", "--all", "Enabled=false");
        var set = Assert.IsType<ConfigSetRequest>(_commands.Request);
        Assert.Equal(ConfigScope.All, set.Scope);
        Assert.False(set.Wait);
        Assert.Equal(AdminRequest.DefaultTimeout, set.Timeout);

        await Invoke("config", "set", "-s", "sim-1", "BatchMaxAge=", "--timeout", "3s");
        set = Assert.IsType<ConfigSetRequest>(_commands.Request);
        Assert.Equal(ConfigScope.ForSensor("sim-1"), set.Scope);
        Assert.Equal("", set.Settings["BatchMaxAge"]);
        Assert.Equal(TimeSpan.FromSeconds(3), set.Timeout);
    }

    [Fact]
    public async Task ConfigUnset_NamesAreOptional()
    {
        await Invoke("config", "unset", "--kind", "humidity", "BatchSize", "SamplingInterval");
        var unset = Assert.IsType<ConfigUnsetRequest>(_commands.Request);
        Assert.Equal(ConfigScope.ForKind("humidity"), unset.Scope);
        Assert.Equal(["BatchSize", "SamplingInterval"], unset.Settings);

        await Invoke("config", "unset", "--all");
        Assert.Empty(Assert.IsType<ConfigUnsetRequest>(_commands.Request).Settings);
    }

    [Fact]
    public async Task ConfigShowListAndOverrides_AreParsed()
    {
        await Invoke("config", "show", "--sensor", "sim-1", "--json");
        var show = Assert.IsType<ConfigShowRequest>(_commands.Request);
        Assert.Equal("sim-1", show.SensorId);
        Assert.True(show.Json);

        await Invoke("config", "list", "--sensor", "sim-*", "-s", "lab-1,lab-2", "--kind", "pressure");
        var list = Assert.IsType<ConfigListRequest>(_commands.Request);
        Assert.Equal(["sim-*", "lab-1", "lab-2"], list.Filter.SensorPatterns);
        Assert.Equal(["pressure"], list.Filter.Kinds);
        Assert.False(list.Json);

        await Invoke("config", "overrides", "--json", "--timeout", "2s");
        var overrides = Assert.IsType<ConfigOverridesRequest>(_commands.Request);
        Assert.True(overrides.Json);
        Assert.Equal(TimeSpan.FromSeconds(2), overrides.Timeout);
    }

    [Theory]
    [InlineData("pause", nameof(SensorCommandKind.Pause))]
    [InlineData("resume", nameof(SensorCommandKind.Resume))]
    [InlineData("flush", nameof(SensorCommandKind.Flush))]
    public async Task Command_EachVerb_IsParsedWithItsScope(string verb, string kind)
    {
        var expected = Enum.Parse<SensorCommandKind>(kind);
        Assert.Equal(0, await Invoke("command", verb, "--kind", "humidity"));

        var command = Assert.IsType<SensorCommandRequest>(_commands.Request);
        Assert.Equal(expected, command.Command);
        Assert.Equal(ConfigScope.ForKind("humidity"), command.Scope);
        Assert.Equal(AdminRequest.DefaultTimeout, command.Timeout);
    }

    [Theory]
    [InlineData("config,set,BatchSize=1", "config set needs the sensors it applies to: one of --sensor ID, --kind KIND or --all")]
    [InlineData("config,set,--kind,a,--all,BatchSize=1", "--kind and --all exclude each other")]
    [InlineData("config,set,--sensor,a,--kind,b,BatchSize=1", "--sensor and --kind exclude each other")]
    [InlineData("config,unset", "config unset needs the sensors it applies to")]
    [InlineData("command,pause", "command pause needs the sensors it applies to")]
    [InlineData("command,flush,--sensor,a,--all", "--sensor and --all exclude each other")]
    [InlineData("config,set,--sensor, ,BatchSize=1", "--sensor needs a value that is not blank")]
    public async Task Scope_MissingOrMoreThanOne_ExitsOneAndRunsNothing(string args, string message) =>
        await AssertUsageError(args, message);

    [Theory]
    [InlineData("config,set,--all,BatchSize", "'BatchSize' is not Key=Value: it has no '='")]
    [InlineData("config,set,--all,SamplingInterval=1s,=5", "'=5' is not Key=Value: the setting name before '=' is empty")]
    [InlineData("config,set,--all,BatchSize=1,batchsize=2", "'batchsize=2' sets batchsize again after 'BatchSize=1'")]
    [InlineData("config,set,--all", "Required argument missing")]
    [InlineData("config,unset,--all,BatchSize=5", "'BatchSize=5' is not a setting name: config unset takes names only, e.g. BatchSize")]
    [InlineData("config,unset,--all,BatchSize,BatchSize", "'BatchSize' is named a second time")]
    public async Task Settings_BadSyntax_ExitsOneNamingTheToken(string args, string message) =>
        await AssertUsageError(args, message);

    [Theory]
    [InlineData("config,bogus", "'bogus'")]
    [InlineData("config", "Required command was not provided")]
    [InlineData("command,reboot,--all", "'reboot'")]
    [InlineData("config,show", "--sensor")]
    [InlineData("config,set,--all,--timeout,soon,BatchSize=1", "--timeout 'soon' is not a positive duration")]
    public async Task UnknownSubcommandOrMissingOption_ExitsOne(string args, string message) =>
        await AssertUsageError(args, message);

    [Fact]
    public async Task Help_DescribesTheSubcommandsAndTheirOptions()
    {
        Assert.Equal(0, await Invoke("--help"));
        Assert.Contains("config", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("command", _output.ToString(), StringComparison.Ordinal);

        _output.GetStringBuilder().Clear();
        Assert.Equal(0, await Invoke("config", "set", "--help"));
        var help = _output.ToString();
        foreach (var expected in new[] { "--sensor", "--kind", "--all", "--wait", "--timeout", "--collector", "Key=Value", "SamplingInterval", "Enabled" })
        {
            Assert.Contains(expected, help, StringComparison.Ordinal);
        }

        _output.GetStringBuilder().Clear();
        Assert.Equal(0, await Invoke("command", "--help"));
        Assert.Contains("pause", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Exit codes", _output.ToString(), StringComparison.Ordinal);
        Assert.Null(_commands.Request);
    }

    private async Task AssertUsageError(string args, string message)
    {
        var exit = await Invoke(args.Split(','));

        Assert.Equal(ExitCodes.UsageOrFailure, exit);
        Assert.Contains(message, _error.ToString(), StringComparison.Ordinal);
        Assert.Null(_commands.Request);
    }

    private Task<int> Invoke(params string[] args) =>
        DashboardCommandLine.InvokeAsync(args, _commands, _output, _error, CancellationToken.None);
}
