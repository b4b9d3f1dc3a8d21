using System.Runtime.InteropServices;

namespace Ingest.LoadBenchmark.Hosting;

/// <summary>Turns Ctrl-C (SIGINT) and SIGTERM into a cancelled <see cref="Token"/>, so that the collectors started are stopped and their storage removed on the way out.</summary>
internal sealed class ShutdownSignals : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration? _terminate;

    private ShutdownSignals()
    {
        Console.CancelKeyPress += OnCancelKeyPress;
        if (!OperatingSystem.IsWindows())
        {
            _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                _stop.Cancel();
            });
        }
    }

    public CancellationToken Token => _stop.Token;

    public static ShutdownSignals Register() => new();

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _terminate?.Dispose();
        _stop.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        // The first Ctrl-C stops the benchmark through its token; a second one ends the process at once.
        e.Cancel = !_stop.IsCancellationRequested;
        _stop.Cancel();
    }
}
