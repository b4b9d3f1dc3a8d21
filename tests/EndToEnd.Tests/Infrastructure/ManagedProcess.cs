using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace Ingest.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A real program started by a test: its output is kept (and echoed to a log file for post-mortems),
/// it can be waited on for a line, stopped with SIGTERM or killed with SIGKILL, and it never outlives
/// the test.
/// </summary>
internal sealed class ManagedProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly StreamWriter _log;
    private readonly Lock _logGate = new();
    private readonly SemaphoreSlim _lineArrived = new(0);

    private ManagedProcess(Process process, string logPath)
    {
        _process = process;
        _log = new StreamWriter(logPath, append: true, Encoding.UTF8) { AutoFlush = true };
    }

    public string Name { get; private init; } = "";

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public IReadOnlyCollection<string> Lines => _lines;

    public string Output => string.Join('\n', _lines);

    public static ManagedProcess Start(string name, string fileName, IEnumerable<string> arguments, string logDirectory, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = logDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";

        // The tests use the demo keys, which the collector accepts only in development (a test may say otherwise).
        info.Environment["DOTNET_ENVIRONMENT"] = "Development";

        // inotify instances are a per-user limit (128 by default) that every program and test host on this
        // machine shares; polling for settings-file changes keeps a restarted program from failing to start.
        info.Environment["DOTNET_USE_POLLING_FILE_WATCHER"] = "true";

        // Collectors run side by side here: none takes the fixed Prometheus port 9464 unless a test gives it one on its
        // command line, which overrides this.
        info.Environment["Collector__Metrics__PrometheusEnabled"] = "false";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var managed = new ManagedProcess(process, Path.Combine(logDirectory, name + ".log")) { Name = name };
        process.OutputDataReceived += (_, e) => managed.Receive(e.Data);
        process.ErrorDataReceived += (_, e) => managed.Receive(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return managed;
    }

    /// <summary>Starts a .NET program from its built dll.</summary>
    public static ManagedProcess StartDotnet(string name, string dll, IEnumerable<string> arguments, string logDirectory, IDictionary<string, string>? environment = null) =>
        Start(name, "dotnet", new[] { dll }.Concat(arguments), logDirectory, environment);

    /// <summary>Waits until a line of output satisfies <paramref name="predicate"/>; throws with the output on timeout.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> predicate, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var seen = 0;
        while (true)
        {
            var lines = _lines.ToArray();
            for (; seen < lines.Length; seen++)
            {
                if (predicate(lines[seen]))
                {
                    return lines[seen];
                }
            }

            if (_process.HasExited && seen >= _lines.Count)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} before the expected line appeared. Output:\n{Output}");
            }

            try
            {
                await _lineArrived.WaitAsync(TimeSpan.FromMilliseconds(500), deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{Name} did not print the expected line within {timeout}. Output:\n{Output}");
            }
        }
    }

    /// <summary>Waits for the process to exit; throws with the output on timeout.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{Name} did not exit within {timeout}. Output:\n{Output}");
        }

        return _process.ExitCode;
    }

    /// <summary>The process's resident memory now, from <c>/proc/&lt;pid&gt;/status</c> (VmRSS).</summary>
    public long ResidentBytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kibibytes = line["VmRSS:".Length..].Trim().Split(' ')[0];
        return long.Parse(kibibytes, System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>Sends SIGTERM, the signal systemd and Ctrl-C-like stops use.</summary>
    public void Terminate() => Signal("TERM");

    /// <summary>Sends SIGSTOP: the process freezes, its sockets stay open, as a machine that hangs.</summary>
    public void Freeze() => Signal("STOP");

    /// <summary>Sends SIGCONT to a frozen process.</summary>
    public void Thaw() => Signal("CONT");

    private void Signal(string signal)
    {
        if (_process.HasExited)
        {
            return;
        }

        using var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        if (kill.ExitCode != 0 && !_process.HasExited)
        {
            throw new InvalidOperationException($"kill -{signal} {_process.Id} failed with exit code {kill.ExitCode}");
        }
    }

    /// <summary>Sends SIGTERM and waits for the process to exit; returns its exit code, throws with the output on timeout.</summary>
    public Task<int> StopAsync(TimeSpan timeout)
    {
        Terminate();
        return WaitForExitAsync(timeout);
    }

    /// <summary>Kills the process with SIGKILL: no cleanup, no flush, as a crash would.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            Kill();
            await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
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

            _lineArrived.Dispose();
        }
    }

    private void Receive(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        lock (_logGate)
        {
            _log.WriteLine(line);
        }

        _lineArrived.Release();
    }
}
