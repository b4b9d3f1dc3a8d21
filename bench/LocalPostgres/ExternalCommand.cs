using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Ingest.LocalPostgres;

/// <summary>
/// Runs a program to its end with its output captured. <see cref="RunAsync"/> throws, naming the command line, the exit
/// code and the output, when it fails; <see cref="TryRunAsync"/> hands the failure to the caller.
/// </summary>
public static class ExternalCommand
{
    /// <summary>Runs <paramref name="fileName"/> and returns its standard output; throws when it exits with other than 0.</summary>
    public static async Task<string> RunAsync(
        string fileName, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null, CancellationToken cancellationToken = default)
    {
        var result = await TryRunAsync(fileName, arguments, environment, cancellationToken);
        return result.ExitCode == 0 ? result.Output : throw new InvalidOperationException(result.Describe("failed"));
    }

    /// <summary>
    /// Runs <paramref name="fileName"/> and returns how it ended; throws only when it cannot start (a <see cref="Win32Exception"/>
    /// when there is no such program) or when <paramref name="cancellationToken"/> fires, after killing it.
    /// </summary>
    public static async Task<ExternalCommandResult> TryRunAsync(
        string fileName, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var commandLine = string.Join(' ', arguments.Prepend(fileName).Select(Quote));
        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        var error = new StringBuilder();
        process.OutputDataReceived += (_, line) => Append(output, line.Data);
        process.ErrorDataReceived += (_, line) => Append(error, line.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new Win32Exception(e.NativeErrorCode, $"Could not start `{commandLine}`: {e.Message}");
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        lock (output)
        {
            lock (error)
            {
                return new ExternalCommandResult(commandLine, process.ExitCode, output.ToString(), error.ToString());
            }
        }
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (text)
        {
            text.AppendLine(line);
        }
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_=./:,@+%".Contains(c, StringComparison.Ordinal))
            ? argument
            : $"'{argument.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
