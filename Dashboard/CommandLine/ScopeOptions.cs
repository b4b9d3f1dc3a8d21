using System.CommandLine;
using System.CommandLine.Parsing;
using Ingest.Dashboard.Admin;

namespace Ingest.Dashboard.CommandLine;

/// <summary>
/// <c>--sensor ID</c>, <c>--kind KIND</c> and <c>--all</c>: which sensors an override or a command applies to. A
/// command that takes them needs exactly one.
/// </summary>
internal sealed class ScopeOptions
{
    public const string Usage = "--sensor ID, --kind KIND or --all";

    private readonly string _commandPath;

    private ScopeOptions(string commandPath, string sensorDescription, string kindDescription, string allDescription)
    {
        _commandPath = commandPath;
        Sensor = new Option<string?>("--sensor", "-s") { Description = sensorDescription, HelpName = "id" };
        Kind = new Option<string?>("--kind", "-k") { Description = kindDescription, HelpName = "kind" };
        All = new Option<bool>("--all") { Description = allDescription };
    }

    public Option<string?> Sensor { get; }

    public Option<string?> Kind { get; }

    public Option<bool> All { get; }

    /// <summary>Adds the three options to <paramref name="command"/>, and a check that exactly one of them is given.</summary>
    /// <param name="command">The command that takes them.</param>
    /// <param name="commandPath">How errors name the command, e.g. <c>config set</c>.</param>
    /// <param name="sensorDescription">Help of <c>--sensor</c>.</param>
    /// <param name="kindDescription">Help of <c>--kind</c>.</param>
    /// <param name="allDescription">Help of <c>--all</c>.</param>
    public static ScopeOptions AddTo(
        Command command, string commandPath, string sensorDescription, string kindDescription, string allDescription)
    {
        ArgumentNullException.ThrowIfNull(command);
        var options = new ScopeOptions(commandPath, sensorDescription, kindDescription, allDescription);
        command.Options.Add(options.Sensor);
        command.Options.Add(options.Kind);
        command.Options.Add(options.All);
        command.Validators.Add(options.Validate);
        return options;
    }

    /// <summary>The scope the parsed command line gives; call only after it parsed without errors.</summary>
    public ConfigScope Get(ParseResult parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        return parsed.GetValue(Sensor) is { } sensor ? ConfigScope.ForSensor(sensor)
            : parsed.GetValue(Kind) is { } kind ? ConfigScope.ForKind(kind)
            : ConfigScope.All;
    }

    private void Validate(System.CommandLine.Parsing.CommandResult result)
    {
        var given = new List<string>();
        foreach (var option in new Option<string?>[] { Sensor, Kind })
        {
            if (result.GetResult(option) is not null)
            {
                given.Add(option.Name);
                if (string.IsNullOrWhiteSpace(result.GetValue(option)))
                {
                    result.AddError($"{option.Name} needs a value that is not blank");
                }
            }
        }

        if (result.GetValue(All))
        {
            given.Add(All.Name);
        }

        if (given.Count == 0)
        {
            result.AddError($"{_commandPath} needs the sensors it applies to: one of {Usage}");
        }
        else if (given.Count > 1)
        {
            result.AddError($"{string.Join(" and ", given)} exclude each other: give exactly one of {Usage}");
        }
    }
}
