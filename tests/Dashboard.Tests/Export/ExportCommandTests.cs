using Grpc.Core;
using Ingest.Dashboard.CommandLine;
using Ingest.Dashboard.Errors;
using Ingest.Dashboard.Export;
using Ingest.Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static Ingest.Dashboard.Tests.Infrastructure.TestData;

namespace Ingest.Dashboard.Tests.Export;

public sealed class ExportCommandTests : IDisposable
{
    private static readonly long StartMicros = Start.ToUnixTimeMilliseconds() * 1000;

    private readonly FakeReadingsSource _source = new();
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("dashboard-export-").FullName;

    public void Dispose()
    {
        _output.Dispose();
        _error.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task RunAsync_ToStandardOutput_WritesCsvAndCountsOnStandardError()
    {
        _source.Readings.AddRange([new StoredReading(StartMicros, 1.5), new StoredReading(StartMicros + 10, 2.5)]);

        var exit = await Run(Request(from: "-5m", to: "now"));

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal(
            "timestamp,value\n2025-05-01T12:00:00.000000Z,1.5\n2025-05-01T12:00:00.000010Z,2.5\n",
            _output.ToString().ReplaceLineEndings("\n"));
        Assert.Contains("Exported 2 readings of sim-1", _error.ToString(), StringComparison.Ordinal);
        Assert.Equal(("sim-1", Start.AddMinutes(-5), Start), _source.LastRequest);
    }

    [Fact]
    public async Task RunAsync_ToAFile_WritesItWholeAndLeavesNoPartialFile()
    {
        _source.Readings.Add(new StoredReading(StartMicros, 7));
        var path = Path.Combine(_directory, "out.csv");

        var exit = await Run(Request(output: path));

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal("timestamp,value\n2025-05-01T12:00:00.000000Z,7\n", (await File.ReadAllTextAsync(path)).ReplaceLineEndings("\n"));
        Assert.Equal(["out.csv"], Directory.GetFiles(_directory).Select(Path.GetFileName));
        Assert.Contains(path, _error.ToString(), StringComparison.Ordinal);
        Assert.Empty(_output.ToString());
    }

    [Fact]
    public async Task RunAsync_CollectorUnreachable_ExitsTwoNamingTheAddressAndTheError()
    {
        _source.FailWith = Rpc(StatusCode.Unavailable, "Error connecting to subchannel: connection refused");

        var exit = await Run(Request());

        Assert.Equal(ExitCodes.CollectorUnreachable, exit);
        Assert.Contains($"the collector at {Address} is unavailable, try again: Unavailable: Error connecting", _error.ToString(), StringComparison.Ordinal);
        Assert.Empty(_output.ToString());
    }

    [Fact]
    public async Task RunAsync_CollectorAnswersAnError_ExitsThreeWithItsStatusAndDetail()
    {
        _source.FailWith = Rpc(StatusCode.InvalidArgument, "sensor_id 'bad id' has characters outside letters");

        var exit = await Run(Request());

        Assert.Equal(ExitCodes.CollectorError, exit);
        Assert.Contains("answered InvalidArgument: sensor_id 'bad id' has characters outside letters", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_FailsMidway_RemovesThePartialFileAndKeepsAnOldOne()
    {
        var path = Path.Combine(_directory, "out.csv");
        await File.WriteAllTextAsync(path, "previous export");
        _source.Readings.Add(new StoredReading(StartMicros, 7));
        _source.FailWith = Rpc(StatusCode.Unavailable, "collector stopping");

        var exit = await Run(Request(output: path));

        Assert.Equal(ExitCodes.CollectorUnreachable, exit);
        Assert.Equal("previous export", await File.ReadAllTextAsync(path));
        Assert.Equal(["out.csv"], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public async Task RunAsync_FromNotBeforeTo_ExitsOneWithoutAskingTheCollector()
    {
        var exit = await Run(Request(from: "now", to: "-1h"));

        Assert.Equal(ExitCodes.UsageOrFailure, exit);
        Assert.Contains("--from (2025-05-01T12:00:00.000000Z) must be before --to (2025-05-01T11:00:00.000000Z)", _error.ToString(), StringComparison.Ordinal);
        Assert.Null(_source.LastRequest);
    }

    [Fact]
    public async Task RunAsync_UnwritableFile_ExitsOneSayingWhy()
    {
        var exit = await Run(Request(output: Path.Combine(_directory, "missing", "out.csv")));

        Assert.Equal(ExitCodes.UsageOrFailure, exit);
        Assert.Contains("cannot write", _error.ToString(), StringComparison.Ordinal);
    }

    private static ExportRequest Request(string from = "-1h", string to = "now", string? output = null)
    {
        Assert.True(TimeArgument.TryParse(from, out var fromTime));
        Assert.True(TimeArgument.TryParse(to, out var toTime));
        return new ExportRequest("sim-1", fromTime!, toTime!, output, []);
    }

    private Task<int> Run(ExportRequest request) =>
        new ExportCommand(_source, TestData.Options(), new FakeTimeProvider(Start), NullLogger<ExportCommand>.Instance)
            .RunAsync(request, _output, _error, CancellationToken.None);
}
