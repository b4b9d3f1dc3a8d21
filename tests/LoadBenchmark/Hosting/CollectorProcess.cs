using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Ingest.LoadBenchmark.Hosting;

/// <summary>
/// One real collector for one run: its own loopback port and fresh temporary storage (deleted on dispose),
/// the Sink served, logging at Warning, its output kept in a log file. Stopped with SIGTERM.
/// </summary>
internal sealed class CollectorProcess : IAsyncDisposable
{
    /// <summary>How long the collector may take to say it listens.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>How long a SIGTERM may take before the collector is killed.</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logGate = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _storageDirectory;

    private CollectorProcess(Process process, StreamWriter log, string storageDirectory, int port, string logPath)
    {
        _process = process;
        _log = log;
        _storageDirectory = storageDirectory;
        Port = port;
        LogPath = logPath;
        DatabasePath = Path.Combine(storageDirectory, "ingest.db");
    }

    public int Port { get; }

    public string Address => $"http://127.0.0.1:{Port}";

    public int Pid => _process.Id;

    public string DatabasePath { get; }

    public string LogPath { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the collector and waits until it listens; throws with the log's path when it does not.</summary>
    public static async Task<CollectorProcess> StartAsync(string collectorDll, string name, string logDirectory, CancellationToken cancellationToken)
    {
        if (!File.Exists(collectorDll))
        {
            throw new FileNotFoundException($"the collector is not built at {collectorDll}; run ./bench.sh (it builds it) or pass --collector-dll", collectorDll);
        }

        Directory.CreateDirectory(logDirectory);
        var storage = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "ingest-bench", $"{name}-{Guid.NewGuid():N}")).FullName;
        var port = FreePort.Next();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = storage,
        };
        foreach (var argument in new[]
        {
            collectorDll,
            $"--Collector:Port={port.ToString(CultureInfo.InvariantCulture)}",
            $"--Collector:Storage:Path={Path.Combine(storage, "ingest.db")}",
            "--Collector:Benchmark:SinkEnabled=true",
            "--Serilog:MinimumLevel:Default=Warning",
        })
        {
            info.ArgumentList.Add(argument);
        }

        // The collector runs with its bundled settings, whatever the caller's shell points at.
        info.Environment.Remove("INGEST_SETTINGS");
        info.Environment["DOTNET_NOLOGO"] = "1";

        var logPath = Path.Combine(logDirectory, name + ".log");
        var log = new StreamWriter(logPath, append: false, Encoding.UTF8) { AutoFlush = true };
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var collector = new CollectorProcess(process, log, storage, port, logPath);
        process.OutputDataReceived += (_, e) => collector.Receive(e.Data);
        process.ErrorDataReceived += (_, e) => collector.Receive(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(StartTimeout);
        var exited = process.WaitForExitAsync(deadline.Token);
        var first = await Task.WhenAny(collector._listening.Task, exited);
        if (first != collector._listening.Task)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var why = process.HasExited ? $"exited with {process.ExitCode}" : $"did not listen within {StartTimeout.TotalSeconds:0} s";
            await collector.DisposeAsync();
            throw new InvalidOperationException($"the collector {why}; see {logPath}");
        }

        return collector;
    }

    /// <summary>Sends SIGTERM and waits for the collector to exit (killing it after <see cref="StopTimeout"/>); returns its exit code.</summary>
    public async Task<int> StopAsync(CancellationToken cancellationToken)
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", Pid.ToString(CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync(cancellationToken);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(StopTimeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(cancellationToken);
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(StopTimeout);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
        finally
        {
            _process.Dispose();
            lock (_logGate)
            {
                _log.Dispose();
            }

            try
            {
                Directory.Delete(_storageDirectory, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
            }
        }
    }

    private void Receive(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logGate)
        {
            _log.WriteLine(line);
        }

        if (line.Contains("listening on", StringComparison.OrdinalIgnoreCase))
        {
            _listening.TrySetResult();
        }
    }
}
