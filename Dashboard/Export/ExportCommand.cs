using System.Globalization;
using System.Text;
using Grpc.Core;
using Ingest.Dashboard.CommandLine;
using Ingest.Dashboard.Diagnostics;
using Ingest.Dashboard.Errors;
using Ingest.Dashboard.Settings;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingest.Dashboard.Export;

/// <summary>
/// <c>export</c>: streams a sensor's stored readings from the collector into CSV, on standard output or into a
/// file (written aside and renamed into place only when complete), and says on standard error how many it wrote.
/// </summary>
internal sealed class ExportCommand
{
    private readonly IReadingsSource _source;
    private readonly DashboardOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ExportCommand> _logger;

    public ExportCommand(IReadingsSource source, IOptions<DashboardOptions> options, TimeProvider time, ILogger<ExportCommand> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _source = source;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public async Task<int> RunAsync(ExportRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(error);
        var now = _time.GetUtcNow();
        var from = request.From.Resolve(now);
        var to = request.To.Resolve(now);
        if (from >= to)
        {
            await error.WriteLineAsync($"error: --from ({Iso(from)}) must be before --to ({Iso(to)})");
            return ExitCodes.UsageOrFailure;
        }

        var path = request.OutputPath is null or "-" ? null : Path.GetFullPath(request.OutputPath);
        var destination = path ?? "standard output";
        var partial = path is null ? null : path + ".partial";
        var address = _options.CollectorsText();
        try
        {
            var readings = _source.ReadAsync(request.SensorId, from, to, cancellationToken);
            long count;
            if (partial is null)
            {
                count = await CsvReadingsWriter.WriteAsync(readings, output, cancellationToken);
            }
            else
            {
                await using (var file = new StreamWriter(partial, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
                {
                    count = await CsvReadingsWriter.WriteAsync(readings, file, cancellationToken);
                }

                File.Move(partial, path!, overwrite: true);
                partial = null;
            }

            _logger.Exported(count, request.SensorId, from, to, destination);
            await error.WriteLineAsync(
                $"Exported {count.ToString(CultureInfo.InvariantCulture)} readings of {request.SensorId} " +
                $"from {Iso(from)} to {Iso(to)} to {destination}.");
            return ExitCodes.Success;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("Export interrupted; nothing more was written.");
            return ExitCodes.Interrupted;
        }
        catch (RpcException exception) when (exception.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("Export interrupted; nothing more was written.");
            return ExitCodes.Interrupted;
        }
        catch (RpcException exception)
        {
            return await CollectorCallErrors.ReportAsync("Export", address, DashboardOptions.ApiKeySetting, exception, error, _logger);
        }
        catch (InvalidDataException exception)
        {
            await error.WriteLineAsync($"error: {exception.Message}");
            return ExitCodes.CollectorError;
        }
        catch (IOException exception) when (path is null)
        {
            await error.WriteLineAsync($"Export stopped: standard output was closed ({exception.Message}).");
            return ExitCodes.UsageOrFailure;
        }
        catch (Exception exception) when (path is not null && exception is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"error: cannot write {path}: {exception.Message}");
            return ExitCodes.UsageOrFailure;
        }
        finally
        {
            if (partial is not null && File.Exists(partial))
            {
                File.Delete(partial);
            }
        }
    }

    private static string Iso(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'", CultureInfo.InvariantCulture);
}
