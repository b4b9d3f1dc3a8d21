using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog;
using Serilog.Formatting.Compact;

namespace Ingest.ServiceDefaults.Logging;

/// <summary>Serilog for every Ingest program: console by default, a rolling JSON file by setting.</summary>
public static class LoggingSetup
{
    /// <summary>The least time between two framework lines of one kind (see <see cref="PacedFrameworkLogs"/>).</summary>
    public static readonly TimeSpan FrameworkLogInterval = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Routes <see cref="Microsoft.Extensions.Logging.ILogger"/> through Serilog. Levels come from the
    /// <c>Serilog</c> section; <c>Logs:JsonFile</c> (a path) adds a daily rolling file in compact JSON.
    /// </summary>
    public static IHostApplicationBuilder AddIngestLogging(this IHostApplicationBuilder builder, string programName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection(LogOptions.SectionName).Get<LogOptions>() ?? new LogOptions();
        builder.Services.AddSerilog((services, logger) =>
        {
            logger.ReadFrom.Configuration(builder.Configuration)
                .Enrich.FromLogContext()
                .Enrich.WithProperty("Program", programName)

                // The host reports a failed start too, with the stack trace: a refusal is said once, by RunIngestProgramAsync.
                .Filter.ByExcluding(e => e.Exception is StartupRefusedException)

                // Kestrel's and grpc-dotnet's per-connection and per-call lines, which a flood multiplies, at most once a kind per 10 s.
                .Filter.With(new PacedFrameworkLogs(TimeProvider.System, FrameworkLogInterval));
            if (options.Console)
            {
                logger.WriteTo.Console(
                    outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext:l}: {Message:lj}{" + PacedFrameworkLogs.PropertyName + "}{NewLine}{Exception}",
                    standardErrorFromLevel: options.ConsoleToStandardError ? Serilog.Events.LogEventLevel.Verbose : null);
            }

            if (!string.IsNullOrWhiteSpace(options.JsonFile))
            {
                logger.WriteTo.File(
                    new CompactJsonFormatter(),
                    options.JsonFile,
                    rollingInterval: RollingInterval.Day,
                    retainedFileCountLimit: options.RetainedFiles,
                    fileSizeLimitBytes: options.FileSizeLimitBytes,
                    rollOnFileSizeLimit: true);
            }
        }, preserveStaticLogger: true);
        return builder;
    }

    /// <summary>
    /// Runs a program's host with a bootstrap logger around it: a start-up failure is logged as fatal,
    /// and logs are flushed on exit. Returns the process exit code.
    /// </summary>
    public static async Task<int> RunIngestProgramAsync(this Func<Task<int>> run, string programName)
    {
        ArgumentNullException.ThrowIfNull(run);
        Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateBootstrapLogger();
        try
        {
            return await run();
        }
        catch (StartupRefusedException ex)
        {
            Log.Fatal("{Program} refuses to start: {Reason}", programName, ex.Message);
            return 1;
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not HostAbortedException)
        {
            // HostAbortedException is how test hosts stop a program after building it: not a failure.
            Log.Fatal(ex, "{Program} failed to start or stopped unexpectedly", programName);
            return 1;
        }
        finally
        {
            await Log.CloseAndFlushAsync();
        }
    }
}
