using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Ingest.LoadBenchmark.Hosting;

/// <summary>
/// One real collector for one run: its own loopback port and fresh storage in a directory of its own under
/// the storage root (deleted on dispose), the Sink served, logging at Warning, its output kept in a log
/// file; the Development environment and a Sensor key of its own, bound to every sensor id (<see cref="ApiKey"/>). Stopped with SIGTERM; killed and reaped on dispose, on a start-up that fails or is cancelled, and
/// by <see cref="LiveCollectors.TerminateAll"/> on a forced exit. <see cref="RestartAsync"/> restarts it as <c>systemctl restart</c>
/// does: the same port, storage, arguments, environment and log.
/// </summary>
internal sealed class CollectorProcess : IAsyncDisposable
{
    /// <summary>How long the collector may take to say it listens.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>How long a SIGTERM may take before the collector is killed.</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long a killed collector may take to be reaped.</summary>
    public static readonly TimeSpan KillTimeout = TimeSpan.FromSeconds(10);

    private readonly ProcessStartInfo _info;
    private readonly StreamWriter _log;
    private readonly Lock _gate = new();
    private readonly Lock _logGate = new();
    private readonly string _storageDirectory;
    private Process _process;
    private bool _terminated;
    private bool _logClosed;

    /// <summary>The name of the benchmark's key in <c>Collector:Security:Keys</c>.</summary>
    public const string KeyName = "bench";

    private CollectorProcess(ProcessStartInfo info, StreamWriter log, string storageDirectory, int port, string logPath, string apiKey)
    {
        ApiKey = apiKey;
        _info = info;
        _process = new Process { StartInfo = info, EnableRaisingEvents = true };
        _log = log;
        _storageDirectory = storageDirectory;
        Port = port;
        LogPath = logPath;
        DatabasePath = Path.Combine(storageDirectory, "ingest.db");
    }

    public int Port { get; }

    /// <summary>The Sensor key, bound to <c>*</c>, that this collector was started with; every benchmark call presents it.</summary>
    public string ApiKey { get; }

    public string Address => $"http://127.0.0.1:{Port}";

    public int Pid { get; private set; }

    public string DatabasePath { get; }

    public string LogPath { get; }

    public bool HasExited
    {
        get
        {
            lock (_gate)
            {
                return _terminated || _process.HasExited;
            }
        }
    }

    /// <summary>The exit code once the collector has exited; null while it runs.</summary>
    public int? ExitCode
    {
        get
        {
            lock (_gate)
            {
                return !_terminated && _process.HasExited ? _process.ExitCode : null;
            }
        }
    }

    /// <summary>
    /// Starts the collector on fresh storage under <paramref name="storageRoot"/> and waits until it listens;
    /// throws with the log's path when it does not. A start-up that fails or is cancelled leaves no process and no storage behind.
    /// <paramref name="storageArguments"/> (e.g. the PostgreSQL engine and its connection string) come after the defaults, so they win;
    /// <paramref name="environment"/> is set on top of the caller's (e.g. a GC setting of the fleet run).
    /// </summary>
    public static async Task<CollectorProcess> StartAsync(
        string collectorDll,
        string name,
        string storageRoot,
        string logDirectory,
        CancellationToken cancellationToken,
        IReadOnlyList<string>? storageArguments = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        if (!File.Exists(collectorDll))
        {
            throw new FileNotFoundException($"the collector is not built at {collectorDll}; run ./bench.sh (it builds it) or pass --collector-dll", collectorDll);
        }

        cancellationToken.ThrowIfCancellationRequested();
        Directory.CreateDirectory(logDirectory);
        var storage = Directory.CreateDirectory(Path.Combine(storageRoot, $"{name}-{Guid.NewGuid():N}")).FullName;
        var port = FreePort.Next();
        var apiKey = $"bench-{Guid.NewGuid():N}";
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
            // A few senders carry the whole load, millions of readings a second each: the per-sensor rate limit
            // stays in the path (its bucket is checked for every batch) but set far above what they send.
            "--Collector:Ingestion:MaxReadingsPerSecondPerSensor=1000000000",
            $"--Collector:Security:Keys:{KeyName}:Key={apiKey}",
            $"--Collector:Security:Keys:{KeyName}:Role=Sensor",
            $"--Collector:Security:Keys:{KeyName}:Sensors:0=*",
            "--Serilog:MinimumLevel:Default=Warning",
            // Benchmark collectors run side by side: none takes the fixed Prometheus port.
            "--Collector:Metrics:PrometheusEnabled=false",
        }.Concat(storageArguments ?? []))
        {
            info.ArgumentList.Add(argument);
        }

        // The collector runs with its bundled settings, whatever the caller's shell points at.
        info.Environment.Remove("INGEST_SETTINGS");
        info.Environment["DOTNET_NOLOGO"] = "1";

        // The bundled settings hold the demo keys, which the collector accepts only in Development.
        info.Environment["DOTNET_ENVIRONMENT"] = "Development";
        info.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        foreach (var (variable, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[variable] = value;
        }

        var logPath = Path.Combine(logDirectory, name + ".log");
        var log = new StreamWriter(logPath, append: false, Encoding.UTF8) { AutoFlush = true };
        var collector = new CollectorProcess(info, log, storage, port, logPath, apiKey);
        try
        {
            LiveCollectors.Add(collector);
            Task listening;
            lock (collector._gate)
            {
                listening = collector.Launch(collector._process);
            }

            await collector.WaitListeningAsync(listening, cancellationToken);
            return collector;
        }
        catch
        {
            // Cancelled (Ctrl-C) or failed while starting: nothing may outlive this call.
            await collector.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Restarts the collector as <c>systemctl restart</c> does: SIGTERM and wait for the exit (<see cref="StopAsync"/>), then the
    /// same program with the same port, storage, arguments and environment, its output appended to the same log, until it
    /// listens; throws <see cref="InvalidOperationException"/> (with the log's path) when it does not. The times are measured
    /// on <paramref name="time"/> from the SIGTERM. A restart that fails leaves the collector to its owner's dispose.
    /// </summary>
    public async Task<CollectorRestart> RestartAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        var started = time.GetTimestamp();
        var exitCode = await StopAsync(cancellationToken);
        var stopped = time.GetElapsedTime(started);
        Task listening;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_terminated, this);
            _process.Dispose();
            _process = new Process { StartInfo = _info, EnableRaisingEvents = true };
            WriteLog($"--- the benchmark restarts the collector (the last one exited with {exitCode.ToString(CultureInfo.InvariantCulture)}) ---");
            listening = Launch(_process);
        }

        await WaitListeningAsync(listening, cancellationToken);
        return new CollectorRestart(exitCode, stopped, time.GetElapsedTime(started));
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

    /// <summary>The last <paramref name="lines"/> lines the collector wrote, for a report on why it failed.</summary>
    public IReadOnlyList<string> LogTail(int lines)
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var tail = new Queue<string>(lines);
            while (reader.ReadLine() is { } line)
            {
                if (tail.Count == lines)
                {
                    tail.Dequeue();
                }

                tail.Enqueue(line);
            }

            return [.. tail];
        }
        catch (IOException ex)
        {
            return [$"(could not read {LogPath}: {ex.Message})"];
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(KillTimeout);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            // Never started, already reaped, or slow to go: Terminate below tries once more and cleans up.
        }
        finally
        {
            Terminate();
        }
    }

    /// <summary>
    /// Kills and reaps the collector if it still runs, closes its log and deletes its storage, synchronously and
    /// at most once; safe to call from a signal handler while the run that owns it is still going.
    /// </summary>
    public void Terminate()
    {
        lock (_gate)
        {
            if (_terminated)
            {
                return;
            }

            _terminated = true;
            try
            {
                if (Pid != 0 && !_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                    _process.WaitForExit(KillTimeout);
                }
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Never started or already reaped.
            }

            _process.Dispose();
            lock (_logGate)
            {
                _logClosed = true;
                _log.Dispose();
            }

            try
            {
                Directory.Delete(_storageDirectory, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
            }
            catch (IOException)
            {
                // Something still holds it: it stays behind in the storage directory, named for its run.
            }
        }

        LiveCollectors.Remove(this);
    }

    /// <summary>Starts <paramref name="process"/> (not started yet; under <see cref="_gate"/>), its output going to the log; the task completes when it says it listens.</summary>
    private Task Launch(Process process)
    {
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) => Receive(e.Data, listening);
        process.ErrorDataReceived += (_, e) => Receive(e.Data, listening);
        process.Start();
        Pid = process.Id;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return listening.Task;
    }

    /// <summary>Waits until the current process listens; throws with the log's path when it exits first or does not within <see cref="StartTimeout"/>.</summary>
    private async Task WaitListeningAsync(Task listening, CancellationToken cancellationToken)
    {
        var process = _process;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(StartTimeout);
        var exited = process.WaitForExitAsync(deadline.Token);
        if (await Task.WhenAny(listening, exited) != listening)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var why = process.HasExited ? $"exited with {process.ExitCode}" : $"did not listen within {StartTimeout.TotalSeconds:0} s";
            throw new InvalidOperationException($"the collector {why}; see {LogPath}");
        }
    }

    private void Receive(string? line, TaskCompletionSource listening)
    {
        if (line is null)
        {
            return;
        }

        WriteLog(line);
        if (line.Contains("listening on", StringComparison.OrdinalIgnoreCase))
        {
            listening.TrySetResult();
        }
    }

    private void WriteLog(string line)
    {
        lock (_logGate)
        {
            if (!_logClosed)
            {
                _log.WriteLine(line);
            }
        }
    }
}
