namespace Ingest.Dashboard.CommandLine;

/// <summary>What the parsed command line runs; each returns the process exit code.</summary>
internal interface IDashboardCommands
{
    Task<int> ViewAsync(ViewRequest request, CancellationToken cancellationToken);

    Task<int> ExportAsync(ExportRequest request, CancellationToken cancellationToken);

    /// <summary><c>config set|unset|show|list|overrides</c> and <c>command pause|resume|flush</c>.</summary>
    Task<int> AdminAsync(AdminRequest request, CancellationToken cancellationToken);
}
