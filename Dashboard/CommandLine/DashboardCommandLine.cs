using System.CommandLine;
using System.CommandLine.Parsing;
using Ingest.Dashboard.Model;
using Ingest.Protocol;
using Ingest.ServiceDefaults.CommandLine;

namespace Ingest.Dashboard.CommandLine;

/// <summary>
/// The dashboard's command line: the live view (or <c>--once</c>, <c>--json</c>) as the root command,
/// <c>export</c>, <c>config</c> and <c>command</c>. Parsing errors are reported on standard error with exit code 1.
/// </summary>
internal static class DashboardCommandLine
{
    private static readonly string[] SortNames = ["id", "kind", "status", "rate", "last"];

    /// <summary>Parses <paramref name="args"/> and runs the command they name.</summary>
    public static Task<int> InvokeAsync(
        string[] args, IDashboardCommands commands, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        CommandLineInvocation.InvokeAsync(Create(commands).Parse(args), output, error, cancellationToken);

    public static RootCommand Create(IDashboardCommands commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var collector = new Option<Uri[]>("--collector")
        {
            Description = "A collector's address, e.g. http://127.0.0.1:5000; repeatable, or comma-separated, for several collectors " +
                          "sharing one database [default: setting Dashboard:CollectorAddresses, else Dashboard:CollectorAddress]",
            HelpName = "url",
            Recursive = true,
            CustomParser = ParseCollectors,
        };
        var key = KeyOption();
        var sensors = new Option<string[]>("--sensor", "-s")
        {
            Description = "Show only these sensor ids; * is a wildcard; repeatable, or comma-separated",
            HelpName = "pattern",
        };
        var kinds = new Option<string[]>("--kind", "-k")
        {
            Description = "Show only sensors of these kinds; repeatable, or comma-separated",
            HelpName = "kind",
        };
        var sort = new Option<SortOrder?>("--sort")
        {
            Description = "Order of the sensor table; status puts offline and stale sensors first [default: id]",
            HelpName = string.Join('|', SortNames),
            CustomParser = ParseSort,
        };
        var window = new Option<TimeSpan?>("--window")
        {
            Description = "Window size to show, one the collector keeps (1s, 10s or 60s) [default: the collector's]",
            HelpName = "1s|10s|60s",
            CustomParser = result => ParseDuration(result, "--window"),
        };
        var timeout = new Option<TimeSpan?>("--timeout")
        {
            Description = "With --once: how long to wait for the collector's snapshot, e.g. 10s, 1m [default: 10s]",
            HelpName = "duration",
            CustomParser = result => ParseDuration(result, "--timeout"),
        };
        var once = new Option<bool>("--once") { Description = "Print the current state as a table and exit" };
        var json = new Option<bool>("--json") { Description = "Write one JSON object per update, one per line" };

        var root = new RootCommand(
            "Ingest dashboard: live windowed aggregates of every sensor from the collector. Keys: q quits. " +
            "Subcommands export stored readings, read and change the sensors' configuration (config), and send " +
            "sensors commands (command).")
        {
            sensors, kinds, sort, window, collector, key, timeout, once, json, CreateExport(commands, collector, key),
            ConfigCommandLine.Create(commands, collector, key), SensorCommandLine.Create(commands, collector, key),
        };
        root.SetAction((parsed, cancellationToken) => commands.ViewAsync(
            new ViewRequest(
                SplitList(parsed.GetValue(sensors)),
                SplitList(parsed.GetValue(kinds)),
                parsed.GetValue(sort) ?? SortOrder.Id,
                parsed.GetValue(window),
                DashboardCommandLine.CollectorsOf(parsed, collector),
                parsed.GetValue(timeout) ?? ViewRequest.DefaultTimeout,
                parsed.GetValue(once),
                parsed.GetValue(json)) { Key = parsed.GetValue(key) },
            cancellationToken));
        return root;
    }

    /// <summary>
    /// <c>--key</c>, on every command: the key to present instead of <c>Dashboard:ApiKey</c> (views, export) or
    /// <c>Dashboard:AdminKey</c> (config, command).
    /// </summary>
    public static Option<string?> KeyOption() => new("--key")
    {
        Description = "The key to present to the collector [default: setting Dashboard:ApiKey; Dashboard:AdminKey for config and command]",
        HelpName = "key",
        Recursive = true,
        CustomParser = ParseKey,
    };

    private static string? ParseKey(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (string.IsNullOrWhiteSpace(text))
        {
            result.AddError("--key is empty; pass a key the collector knows, or leave --key out to use the setting");
            return null;
        }

        return text;
    }

    private static Command CreateExport(IDashboardCommands commands, Option<Uri[]> collector, Option<string?> key)
    {
        var sensor = new Option<string>("--sensor", "-s")
        {
            Description = "The sensor whose stored readings to export",
            HelpName = "id",
            Required = true,
        };
        var from = new Option<TimeArgument>("--from")
        {
            Description = $"First instant included: {TimeArgument.Forms}",
            HelpName = "time",
            Required = true,
            CustomParser = result => ParseTime(result, "--from"),
        };
        var to = new Option<TimeArgument?>("--to")
        {
            Description = "First instant excluded, in the same forms [default: now]",
            HelpName = "time",
            CustomParser = result => ParseTime(result, "--to"),
        };
        var output = new Option<string?>("--out", "-o")
        {
            Description = "The CSV file to write [default: standard output]",
            HelpName = "file.csv",
        };
        var export = new Command("export", "Write a sensor's stored readings as CSV (timestamp,value)")
        {
            sensor, from, to, output,
        };
        export.SetAction((parsed, cancellationToken) => commands.ExportAsync(
            new ExportRequest(
                parsed.GetValue(sensor) ?? "",
                parsed.GetValue(from) ?? TimeArgument.Now,
                parsed.GetValue(to) ?? TimeArgument.Now,
                parsed.GetValue(output),
                DashboardCommandLine.CollectorsOf(parsed, collector)) { Key = parsed.GetValue(key) },
            cancellationToken));
        return export;
    }

    /// <summary>The values of a repeatable option, each split at commas, without blanks.</summary>
    public static IReadOnlyList<string> SplitList(string[]? values) =>
        (values ?? [])
            .SelectMany(value => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToArray();

    /// <summary>The collectors given with <c>--collector</c>, in order; empty when none was.</summary>
    public static IReadOnlyList<Uri> CollectorsOf(ParseResult parsed, Option<Uri[]> collector)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        return parsed.GetValue(collector) ?? [];
    }

    private static Uri[] ParseCollectors(ArgumentResult result)
    {
        var collectors = new List<Uri>();
        var refused = false;
        foreach (var text in SplitList(result.Tokens.Select(token => token.Value).ToArray()))
        {
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            {
                collectors.Add(uri);
                continue;
            }

            result.AddError($"--collector '{text}' is not an http:// or https:// address, e.g. http://127.0.0.1:5000");
            refused = true;
        }

        if (collectors.Count == 0 && !refused)
        {
            result.AddError("--collector is empty; pass an http:// or https:// address, e.g. http://127.0.0.1:5000");
        }

        return collectors.Distinct().ToArray();
    }

    private static SortOrder? ParseSort(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (!SortNames.Contains(text, StringComparer.OrdinalIgnoreCase))
        {
            result.AddError($"--sort '{text}' is not one of {string.Join(", ", SortNames)}");
            return null;
        }

        return Enum.Parse<SortOrder>(text, ignoreCase: true);
    }

    /// <summary>A positive duration in one of <see cref="DurationText.Forms"/>; an error naming <paramref name="option"/> otherwise.</summary>
    public static TimeSpan? ParseDuration(ArgumentResult result, string option)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (DurationText.TryParse(text, out var duration) && duration > TimeSpan.Zero)
        {
            return duration;
        }

        result.AddError($"{option} '{text}' is not a positive duration: {DurationText.Forms}");
        return null;
    }

    private static TimeArgument? ParseTime(ArgumentResult result, string option)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (TimeArgument.TryParse(text, out var time))
        {
            return time;
        }

        result.AddError($"{option} '{text}' is not a time: {TimeArgument.Forms}");
        return null;
    }
}
