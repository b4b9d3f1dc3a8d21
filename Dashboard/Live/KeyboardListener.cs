namespace Ingest.Dashboard.Live;

/// <summary>Watches the keyboard for the quit keys while the live view runs.</summary>
internal static class KeyboardListener
{
    /// <summary>How often the keyboard is checked.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary><c>q</c> and Ctrl-C (when the terminal passes it as a key) quit.</summary>
    public static bool IsQuitKey(ConsoleKeyInfo key) =>
        key.KeyChar is 'q' or 'Q' ||
        (key.Key == ConsoleKey.C && key.Modifiers.HasFlag(ConsoleModifiers.Control));

    /// <summary>
    /// Reads keys from <paramref name="poll"/> (null when none is waiting) until a quit key, then calls
    /// <paramref name="quit"/>; ends quietly when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public static async Task RunAsync(
        Func<ConsoleKeyInfo?> poll, Action quit, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(poll);
        ArgumentNullException.ThrowIfNull(quit);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                while (poll() is { } key)
                {
                    if (IsQuitKey(key))
                    {
                        quit();
                        return;
                    }
                }

                await Task.Delay(PollInterval, time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The view is closing.
        }
    }

    /// <summary>The next key pressed at the console without echoing it, or null when none is waiting.</summary>
    public static ConsoleKeyInfo? ReadConsoleKey() => Console.KeyAvailable ? Console.ReadKey(intercept: true) : null;
}
