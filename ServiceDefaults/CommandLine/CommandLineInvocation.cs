using System.CommandLine;

namespace Ingest.ServiceDefaults.CommandLine;

/// <summary>
/// How every Ingest command line runs once parsed: parse errors on standard error with a pointer to
/// <c>--help</c> (exit 1); Ctrl-C and SIGTERM left to the caller's token, not to System.CommandLine (exit
/// 130 when it fires); an exception no command expects reported rather than swallowed (exit 1).
/// </summary>
public static class CommandLineInvocation
{
    /// <summary>A bad command line, or an unexpected failure.</summary>
    public const int UsageOrFailure = 1;

    /// <summary>Interrupted by the caller's token.</summary>
    public const int Interrupted = 130;

    public static async Task<int> InvokeAsync(ParseResult parsed, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(error);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                await error.WriteLineAsync($"error: {parseError.Message}");
            }

            await error.WriteLineAsync("Run with --help for usage.");
            return UsageOrFailure;
        }

        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            ProcessTerminationTimeout = null,
            EnableDefaultExceptionHandler = false,
        };
        try
        {
            return await parsed.InvokeAsync(configuration, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Interrupted;
        }
        catch (Exception exception)
        {
            // A bug, not a condition the commands expect: say what happened rather than exit without a word.
            await error.WriteLineAsync($"error: unexpected failure: {exception}");
            return UsageOrFailure;
        }
    }
}
