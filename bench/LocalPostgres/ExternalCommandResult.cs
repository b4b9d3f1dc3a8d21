namespace Ingest.LocalPostgres;

/// <summary>How a program run by <see cref="ExternalCommand"/> ended: its command line, exit code and captured output.</summary>
public sealed record ExternalCommandResult(string CommandLine, int ExitCode, string Output, string Error)
{
    /// <summary>A message for a person: "`command` failed with exit code N", then what the program wrote.</summary>
    public string Describe(string what) =>
        $"`{CommandLine}` {what} with exit code {ExitCode}.{Section("stdout", Output)}{Section("stderr", Error)}";

    private static string Section(string name, string text) =>
        string.IsNullOrWhiteSpace(text) ? "" : $"{Environment.NewLine}{name}:{Environment.NewLine}{text.TrimEnd()}";
}
