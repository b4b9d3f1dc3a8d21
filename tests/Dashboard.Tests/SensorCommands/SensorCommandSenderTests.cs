using Grpc.Core;
using Ingest.Dashboard.Admin;
using Ingest.Dashboard.CommandLine;
using Ingest.Dashboard.Errors;
using Ingest.Dashboard.SensorCommands;
using Ingest.Dashboard.SensorConfig;
using Ingest.Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using static Ingest.Dashboard.Tests.Infrastructure.TestData;

namespace Ingest.Dashboard.Tests.SensorCommands;

public sealed class SensorCommandSenderTests : IDisposable
{
    private readonly FakeAdminClient _admin = new();
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public void Dispose()
    {
        _output.Dispose();
        _error.Dispose();
    }

    [Fact]
    public async Task RunAsync_Reached_PrintsHowManyAndExitsZero()
    {
        _admin.CommandResult = new CommandResult(12, 0);

        var exit = await Run(SensorCommandKind.Pause, ConfigScope.ForKind("humidity"));

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal("pause sent to 12 connected sensors (0 skipped)\n", _output.ToString().ReplaceLineEndings("\n"));
        Assert.Equal((ConfigScope.ForKind("humidity"), SensorCommandKind.Pause), _admin.LastCommand);
    }

    [Fact]
    public async Task RunAsync_NoneConnected_SaysSoAndExitsThree()
    {
        var exit = await Run(SensorCommandKind.Flush, ConfigScope.ForKind("humidity"));

        Assert.Equal(ExitCodes.CollectorError, exit);
        Assert.Contains("flush reached no sensor: no sensor of kind humidity is connected", _error.ToString(), StringComparison.Ordinal);
        Assert.Empty(_output.ToString());
    }

    [Fact]
    public async Task RunAsync_AllSkipped_SaysTheyWereTooFarBehind()
    {
        _admin.CommandResult = new CommandResult(0, 1);

        var exit = await Run(SensorCommandKind.Resume, ConfigScope.ForSensor("sim-1"));

        Assert.Equal(ExitCodes.CollectorError, exit);
        Assert.Contains("resume reached no sensor: the control streams of 1 connected sensor (sensor sim-1) were too far behind", _error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StatusCode.Unavailable, ExitCodes.CollectorUnreachable, "is unavailable, try again")]
    [InlineData(StatusCode.DeadlineExceeded, ExitCodes.CollectorUnreachable, "is unavailable, try again")]
    [InlineData(StatusCode.PermissionDenied, ExitCodes.KeyRefused, "refused the key: PermissionDenied: viewers may not send commands; set Dashboard:AdminKey")]
    [InlineData(StatusCode.Unauthenticated, ExitCodes.KeyRefused, "refused the key: Unauthenticated: viewers may not send commands; set Dashboard:AdminKey")]
    [InlineData(StatusCode.FailedPrecondition, ExitCodes.CollectorError, "answered FailedPrecondition: viewers may not send commands")]
    public async Task RunAsync_GrpcError_MapsToItsExitCode(StatusCode status, int expected, string message)
    {
        _admin.FailWith = Rpc(status, "viewers may not send commands");

        Assert.Equal(expected, await Run(SensorCommandKind.Pause, ConfigScope.All));
        Assert.Contains(message, _error.ToString(), StringComparison.Ordinal);
    }

    private Task<int> Run(SensorCommandKind command, ConfigScope scope) =>
        new SensorCommandSender(_admin, TestData.Options(), NullLogger<SensorCommandSender>.Instance)
            .RunAsync(new SensorCommandRequest(command, scope, [], TimeSpan.FromSeconds(10)), new CommandOutput(_output, _error, null), CancellationToken.None);
}
