using System.CommandLine;
using Ingest.Dashboard.Admin;

namespace Ingest.Dashboard.CommandLine;

/// <summary><c>command pause|resume|flush</c>: tells connected sensors what to do, through the collector's Admin service.</summary>
internal static class SensorCommandLine
{
    public static Command Create(IDashboardCommands commands, Option<Uri[]> collector, Option<string?> key) =>
        new(
            "command",
            "Send a command to the connected sensors of one sensor, one kind or all sensors; sensors not connected do " +
            "not get it. Exit codes: 0 sent to at least one sensor; 1 bad command line or setting; 2 collector " +
            "unreachable; 3 the collector answered an error, or no sensor was reached; 4 the collector refused the key (set " +
            "Dashboard:AdminKey or pass --key); 130 interrupted.")
        {
            Create(commands, collector, key, SensorCommandKind.Pause, "pause",
                "Stop sampling until resumed; buffered readings are still uploaded. Not kept across a restart of the " +
                "sensor (config set Enabled=false is)"),
            Create(commands, collector, key, SensorCommandKind.Resume, "resume", "Sample again after a pause"),
            Create(commands, collector, key, SensorCommandKind.Flush, "flush", "Seal the open batch now and upload what is buffered"),
        };

    private static Command Create(
        IDashboardCommands commands, Option<Uri[]> collector, Option<string?> key, SensorCommandKind kind, string name, string description)
    {
        var timeout = ConfigCommandLine.TimeoutOption();
        var command = new Command(name, description) { timeout };
        var scope = ScopeOptions.AddTo(
            command, $"command {name}", $"Send {name} to this sensor", $"Send {name} to every connected sensor of this kind", $"Send {name} to every connected sensor");
        command.SetAction((parsed, cancellationToken) => commands.AdminAsync(
            new SensorCommandRequest(kind, scope.Get(parsed), DashboardCommandLine.CollectorsOf(parsed, collector), parsed.GetValue(timeout) ?? AdminRequest.DefaultTimeout) { Key = parsed.GetValue(key) },
            cancellationToken));
        return command;
    }
}
