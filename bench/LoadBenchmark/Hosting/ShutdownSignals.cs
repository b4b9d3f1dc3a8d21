using System.Runtime.InteropServices;
using Ingest.LoadBenchmark.CommandLine;

namespace Ingest.LoadBenchmark.Hosting;

/// <summary>
/// Turns the first Ctrl-C (SIGINT), SIGTERM or SIGHUP into a cancelled <see cref="Token"/>, so that the run
/// under way stops its collector and removes its storage on the way out. A second one ends the process at
/// once with <see cref="ExitCodes.Interrupted"/>, after <c>cleanUp</c> (which also runs when the process exits
/// any other way), so that no collector outlives the benchmark even then.
/// </summary>
internal sealed class ShutdownSignals : IDisposable
{
    private static readonly PosixSignal[] Handled = [PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP];

    private readonly CancellationTokenSource _stop = new();
    private readonly Action _cleanUp;
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _signals;

    private ShutdownSignals(Action cleanUp)
    {
        _cleanUp = cleanUp;
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        foreach (var signal in Handled)
        {
            _registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
        }
    }

    public CancellationToken Token => _stop.Token;

    /// <summary>Handles the signals from now on; <paramref name="cleanUp"/> runs before a forced exit and when the process exits.</summary>
    public static ShutdownSignals Register(Action cleanUp)
    {
        ArgumentNullException.ThrowIfNull(cleanUp);
        return new ShutdownSignals(cleanUp);
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        _stop.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        if (Interlocked.Increment(ref _signals) == 1)
        {
            _stop.Cancel();
            return;
        }

        _cleanUp();
        Environment.Exit(ExitCodes.Interrupted);
    }

    private void OnProcessExit(object? sender, EventArgs e) => _cleanUp();
}
