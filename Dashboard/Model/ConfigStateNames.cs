namespace Ingest.Dashboard.Model;

/// <summary>The names of <see cref="ConfigState"/> in JSON and <c>key=value</c> lines: <c>in_sync</c>, <c>pending</c>, <c>rejected</c>, <c>unknown</c>.</summary>
internal static class ConfigStateNames
{
    public static string Name(ConfigState state) => state switch
    {
        ConfigState.InSync => "in_sync",
        ConfigState.Pending => "pending",
        ConfigState.Rejected => "rejected",
        _ => "unknown",
    };
}
