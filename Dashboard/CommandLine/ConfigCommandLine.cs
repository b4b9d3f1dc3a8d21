using System.CommandLine;
using Ingest.Dashboard.Model;

namespace Ingest.Dashboard.CommandLine;

/// <summary>
/// <c>config set|unset|show|list|overrides</c>: the sensors' configuration through the collector's Admin service.
/// </summary>
internal static class ConfigCommandLine
{
    private const string ExitCodeHelp =
        "Exit codes: 0 done; 1 bad command line or setting; 2 collector unreachable; 3 the collector answered an " +
        "error (its status and message are shown), or set --wait saw a sensor reject the change or timed out; 4 the collector " +
        "refused the key (set Dashboard:AdminKey or pass --key); 130 interrupted.";

    public static Command Create(IDashboardCommands commands, Option<Uri[]> collector, Option<string?> key)
    {
        return new Command(
            "config",
            "Read and change the sensors' configuration. A sensor's desired setting is the first of: its sensor " +
            "override, its kind's override, the override for all sensors, the collector's settings. Every change gives " +
            "the affected sensors a new version, which the collector pushes to them; each applies it and acknowledges, " +
            "or rejects it and keeps its last good one. " + ExitCodeHelp)
        {
            CreateSet(commands, collector, key),
            CreateUnset(commands, collector, key),
            CreateShow(commands, collector, key),
            CreateList(commands, collector, key),
            CreateOverrides(commands, collector, key),
        };
    }

    /// <summary>A <c>--timeout</c> option: the deadline of the collector's answer.</summary>
    public static Option<TimeSpan?> TimeoutOption(string description = "How long the collector may take to answer, e.g. 5s, 1m [default: 10s]") =>
        new("--timeout")
        {
            Description = description,
            HelpName = "duration",
            CustomParser = result => DashboardCommandLine.ParseDuration(result, "--timeout"),
        };

    private static Command CreateSet(IDashboardCommands commands, Option<Uri[]> collector, Option<string?> key)
    {
        var settings = new Argument<string[]>("settings")
        {
            Description =
                $"Settings as Key=Value, e.g. {SettingsArgument.Example}. Names: SamplingInterval (10ms to 1h), " +
                "BatchSize (1 to the collector's Ingestion:MaxReadingsPerBatch), BatchMaxAge (10ms to 1h), " +
                "UploadWindowBatches (1 to 10000), UploadWindowDuration (100ms to 1h), Enabled (true or false; false " +
                "stops sampling and survives restarts), StatusInterval (1s to 1h). The collector checks names and values.",
            HelpName = "Key=Value",
            Arity = ArgumentArity.OneOrMore,
        };
        settings.Validators.Add(result =>
        {
            if (!SettingsArgument.TryParse(result.Tokens.Select(token => token.Value), out _, out var error))
            {
                result.AddError(error);
            }
        });
        var wait = new Option<bool>("--wait")
        {
            Description =
                "Wait until every affected sensor has acknowledged the new version or rejected it, showing progress; " +
                "sensors not connected count as not acknowledged. Exit 3 when any rejects it or --timeout passes first",
        };
        var timeout = TimeoutOption(
            "How long the collector may take to answer and, with --wait, how long to wait for the sensors in all, " +
            "e.g. 10s, 1m [default: 10s; with --wait 30s]");
        var set = new Command(
            "set",
            "Set settings in the override of one sensor, one kind or all sensors (merged into what it already sets) " +
            "and print the version the affected sensors now have, e.g. config set --kind temperature SamplingInterval=50ms --wait")
        {
            settings, wait, timeout,
        };
        var scope = ScopeOptions.AddTo(
            set, "config set", "Set the override of this sensor", "Set the override of every sensor of this kind", "Set the override for all sensors");
        set.SetAction((parsed, cancellationToken) =>
        {
            var waiting = parsed.GetValue(wait);
            return commands.AdminAsync(
                new ConfigSetRequest(
                    scope.Get(parsed),
                    SettingsArgument.Parse(parsed.GetValue(settings) ?? []),
                    waiting,
                    DashboardCommandLine.CollectorsOf(parsed, collector),
                    parsed.GetValue(timeout) ?? (waiting ? ConfigSetRequest.DefaultWaitTimeout : AdminRequest.DefaultTimeout)) { Key = parsed.GetValue(key) },
                cancellationToken);
        });
        return set;
    }

    private static Command CreateUnset(IDashboardCommands commands, Option<Uri[]> collector, Option<string?> key)
    {
        var names = new Argument<string[]>("settings")
        {
            Description = "Setting names to remove, e.g. BatchSize SamplingInterval [default: the whole override]",
            HelpName = "Key",
            Arity = ArgumentArity.ZeroOrMore,
        };
        names.Validators.Add(result =>
        {
            if (!SettingsArgument.TryParseNames(result.Tokens.Select(token => token.Value), out _, out var error))
            {
                result.AddError(error);
            }
        });
        var timeout = TimeoutOption();
        var unset = new Command(
            "unset",
            "Remove settings from the override of one sensor, one kind or all sensors (with no names: the whole " +
            "override); the sensors fall back to the next override or the collector's settings. No such override: exit 3")
        {
            names, timeout,
        };
        var scope = ScopeOptions.AddTo(
            unset, "config unset", "Change the override of this sensor", "Change the override of this kind", "Change the override for all sensors");
        unset.SetAction((parsed, cancellationToken) => commands.AdminAsync(
            new ConfigUnsetRequest(
                scope.Get(parsed),
                SettingsArgument.ParseNames(parsed.GetValue(names) ?? []),
                DashboardCommandLine.CollectorsOf(parsed, collector),
                parsed.GetValue(timeout) ?? AdminRequest.DefaultTimeout) { Key = parsed.GetValue(key) },
            cancellationToken));
        return unset;
    }

    private static Command CreateShow(IDashboardCommands commands, Option<Uri[]> collector, Option<string?> key)
    {
        var sensor = new Option<string>("--sensor", "-s")
        {
            Description = "The sensor to show",
            HelpName = "id",
            Required = true,
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text" };
        var timeout = TimeoutOption();
        var show = new Command(
            "show",
            "Show one sensor's configuration: desired settings, desired and reported version and hash, state (in sync, " +
            "pending, or rejected and why), connection and last contact, last status (buffer fill, dropped, rate, " +
            "paused or disabled), and the overrides that apply. A sensor the collector has never seen: exit 3")
        {
            sensor, json, timeout,
        };
        show.SetAction((parsed, cancellationToken) => commands.AdminAsync(
            new ConfigShowRequest(
                parsed.GetValue(sensor) ?? "", parsed.GetValue(json), DashboardCommandLine.CollectorsOf(parsed, collector), parsed.GetValue(timeout) ?? AdminRequest.DefaultTimeout) { Key = parsed.GetValue(key) },
            cancellationToken));
        return show;
    }

    private static Command CreateList(IDashboardCommands commands, Option<Uri[]> collector, Option<string?> key)
    {
        var sensors = new Option<string[]>("--sensor", "-s")
        {
            Description = "List only these sensor ids; * is a wildcard; repeatable, or comma-separated",
            HelpName = "pattern",
        };
        var kinds = new Option<string[]>("--kind", "-k")
        {
            Description = "List only sensors of these kinds; repeatable, or comma-separated",
            HelpName = "kind",
        };
        var json = new Option<bool>("--json") { Description = "Write one JSON object per sensor, one per line, instead of a table" };
        var timeout = TimeoutOption();
        var list = new Command(
            "list",
            "List the sensors the collector knows, by id: kind, desired and reported version, state (in sync, pending, " +
            "rejected), connected, last contact, rate, paused or disabled. A table on a terminal, plain columns otherwise")
        {
            sensors, kinds, json, timeout,
        };
        list.SetAction((parsed, cancellationToken) => commands.AdminAsync(
            new ConfigListRequest(
                new SensorFilter(DashboardCommandLine.SplitList(parsed.GetValue(sensors)), DashboardCommandLine.SplitList(parsed.GetValue(kinds))),
                parsed.GetValue(json),
                DashboardCommandLine.CollectorsOf(parsed, collector),
                parsed.GetValue(timeout) ?? AdminRequest.DefaultTimeout) { Key = parsed.GetValue(key) },
            cancellationToken));
        return list;
    }

    private static Command CreateOverrides(IDashboardCommands commands, Option<Uri[]> collector, Option<string?> key)
    {
        var json = new Option<bool>("--json") { Description = "Write one JSON object per override, one per line, instead of a table" };
        var timeout = TimeoutOption();
        var overrides = new Command(
            "overrides",
            "List every override (all sensors first, then kinds, then sensors) with its settings and when it last changed")
        {
            json, timeout,
        };
        overrides.SetAction((parsed, cancellationToken) => commands.AdminAsync(
            new ConfigOverridesRequest(parsed.GetValue(json), DashboardCommandLine.CollectorsOf(parsed, collector), parsed.GetValue(timeout) ?? AdminRequest.DefaultTimeout) { Key = parsed.GetValue(key) },
            cancellationToken));
        return overrides;
    }
}
