namespace Ingest.ServiceDefaults.Logging;

/// <summary>Where logs go. Section <c>Logs</c>.</summary>
public sealed class LogOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Logs";

    /// <summary>Write human-readable lines to the console. Default: true.</summary>
    public bool Console { get; set; } = true;

    /// <summary>Write console lines to standard error instead of standard output. Default: false.</summary>
    public bool ConsoleToStandardError { get; set; }

    /// <summary>A path for a daily rolling log file in compact JSON; none when empty. Default: none.</summary>
    public string? JsonFile { get; set; }

    /// <summary>How many rolled files to keep. Default: 14.</summary>
    public int RetainedFiles { get; set; } = 14;

    /// <summary>The size at which a file rolls early, in bytes. Default: 100 MiB.</summary>
    public long FileSizeLimitBytes { get; set; } = 100L * 1024 * 1024;
}
