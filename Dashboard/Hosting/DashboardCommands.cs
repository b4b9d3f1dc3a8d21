using System.Text;
using Ingest.Dashboard.CommandLine;
using Ingest.Dashboard.Errors;
using Ingest.Dashboard.Export;
using Ingest.Dashboard.Feed;
using Ingest.Dashboard.Lines;
using Ingest.Dashboard.Live;
using Ingest.Dashboard.Once;
using Ingest.Dashboard.Rendering;
using Ingest.Dashboard.SensorCommands;
using Ingest.Dashboard.SensorConfig;
using Ingest.Dashboard.Settings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace Ingest.Dashboard.Hosting;

/// <summary>
/// Runs a parsed command against the real console and collector: builds the services, then picks the live view,
/// <c>--once</c>, <c>--json</c>, plain lines (when standard output is not a terminal), <c>export</c>, or one of the
/// <c>config</c> and <c>command</c> subcommands (tables on a terminal, plain text otherwise).
/// </summary>
internal sealed class DashboardCommands : IDashboardCommands
{
    /// <summary>The width a table is laid out for when standard output is a file or a pipe.</summary>
    public const int RedirectedWidth = 200;

    public async Task<int> ViewAsync(ViewRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var host = TryBuild(request.Collectors, DashboardKey.Viewer, request.Key);
        if (host is null)
        {
            return ExitCodes.UsageOrFailure;
        }

        var services = host.Services;
        var options = services.GetRequiredService<IOptions<DashboardOptions>>().Value;
        var subscription = new SubscriptionRequest(request.SensorPatterns, request.Kinds, request.Window, options.UpdateInterval);
        if (request.Once)
        {
            var console = AnsiConsole.Console;
            if (Console.IsOutputRedirected)
            {
                console.Profile.Width = RedirectedWidth;
            }

            return await services.GetRequiredService<OnceCommand>()
                .RunAsync(request, subscription, console, Console.Out, Console.Error, cancellationToken);
        }

        if (request.Json || Console.IsOutputRedirected)
        {
            await using var output = StandardOutput.OpenForLines();
            var lines = services.GetRequiredService<LinesCommand>();
            var time = services.GetRequiredService<TimeProvider>();
            return await lines.RunAsync(
                subscription,
                index => new FilteringObserver(
                    request.Json
                        ? new JsonLinesWriter(output, Console.Error, lines.Addresses[index])
                        : new PlainLinesWriter(output, time, lines.Addresses[index]),
                    request.Filter),
                cancellationToken);
        }

        var settings = new ViewSettings(request.Filter, request.Sort, request.Window);
        return await services.GetRequiredService<LiveView>().RunAsync(
            subscription,
            settings,
            AnsiConsole.Console,
            Console.IsInputRedirected ? null : KeyboardListener.ReadConsoleKey,
            cancellationToken);
    }

    public async Task<int> ExportAsync(ExportRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var host = TryBuild(request.Collectors, DashboardKey.Viewer, request.Key);
        if (host is null)
        {
            return ExitCodes.UsageOrFailure;
        }

        // Buffered (Console.Out flushes every line, too slow for millions of readings), and failing once the
        // reader has gone (e.g. `| head`) instead of streaming into the void.
        await using var output = StandardOutput.OpenForLines(bufferSize: 1 << 16);
        return await host.Services.GetRequiredService<ExportCommand>()
            .RunAsync(request, output, Console.Error, cancellationToken);
    }

    public async Task<int> AdminAsync(AdminRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var host = TryBuild(request.Collectors, DashboardKey.Admin, request.Key);
        if (host is null)
        {
            return ExitCodes.UsageOrFailure;
        }

        var services = host.Services;
        var output = new CommandOutput(Console.Out, Console.Error, Console.IsOutputRedirected ? null : AnsiConsole.Console);
        return request switch
        {
            ConfigSetRequest set => await services.GetRequiredService<ConfigSetCommand>().RunAsync(set, output, cancellationToken),
            ConfigUnsetRequest unset => await services.GetRequiredService<ConfigUnsetCommand>().RunAsync(unset, output, cancellationToken),
            ConfigShowRequest show => await services.GetRequiredService<ConfigShowCommand>().RunAsync(show, output, cancellationToken),
            ConfigListRequest list => await services.GetRequiredService<ConfigListCommand>().RunAsync(list, output, cancellationToken),
            ConfigOverridesRequest overrides =>
                await services.GetRequiredService<ConfigOverridesCommand>().RunAsync(overrides, output, cancellationToken),
            SensorCommandRequest command => await services.GetRequiredService<SensorCommandSender>().RunAsync(command, output, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request, "unknown admin request"),
        };
    }

    private static IHost? TryBuild(IReadOnlyList<Uri> collectors, DashboardKey key, string? keyOverride)
    {
        try
        {
            return DashboardHost.Build(collectors, key, keyOverride);
        }
        catch (InvalidOperationException exception)
        {
            // An unreadable TLS file or an empty key: the message names the setting and the path.
            Console.Error.WriteLine($"error: {exception.Message}");
            return null;
        }
        catch (OptionsValidationException exception)
        {
            foreach (var failure in exception.Failures)
            {
                Console.Error.WriteLine($"error: invalid setting in section {DashboardOptions.SectionName}: {failure}");
            }

            return null;
        }
    }
}
