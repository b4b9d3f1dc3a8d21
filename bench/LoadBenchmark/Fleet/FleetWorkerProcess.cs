using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Ingest.LoadBenchmark.Measurement;

namespace Ingest.LoadBenchmark.Fleet;

/// <summary>
/// A fleet worker process as the fleet run sees it: started from this same program, its status lines read as they
/// come (connected and ever-welcomed sensors), commands written to its standard input, its result read at the end.
/// Killed on dispose if it still runs.
/// </summary>
internal sealed class FleetWorkerProcess : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The counts a status line carries (<c>name=N</c>), in the order of <see cref="_counts"/>.</summary>
    private static readonly string[] StatusCounts = ["connected", "welcomed", "back-welcomed", "back-acked"];

    private readonly Process _process;
    private readonly string _resultPath;
    private readonly StreamWriter _log;
    private readonly Lock _gate = new();
    private bool _logClosed;
    private readonly long[] _counts = new long[StatusCounts.Length];

    private FleetWorkerProcess(Process process, string resultPath, StreamWriter log)
    {
        _process = process;
        _resultPath = resultPath;
        _log = log;
    }

    public long Connected => Interlocked.Read(ref _counts[0]);

    public long Welcomed => Interlocked.Read(ref _counts[1]);

    /// <summary>Sensors welcomed by the restarted collector since the mark.</summary>
    public long BackWelcomed => Interlocked.Read(ref _counts[2]);

    /// <summary>Sensors acknowledged by the restarted collector since the mark.</summary>
    public long BackAcked => Interlocked.Read(ref _counts[3]);

    /// <summary>The generators' scheduling priority (nice value): below the collector's.</summary>
    public const int Niceness = 10;

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts a worker for <paramref name="settings"/>, its output going to <paramref name="logPath"/>.</summary>
    public static FleetWorkerProcess Start(FleetWorkerSettings settings, string logPath)
    {
        ArgumentNullException.ThrowIfNull(settings);
        // The generator runs at a lower priority (nice), so that the collector gets the cores it asks for and the
        // generator the rest: on a machine both share, the collector is what is measured. A starved generator shows as
        // sensors sending under 1 Hz (batches acknowledged a second) and in its CPU beside the collector's.
        var info = new ProcessStartInfo("nice")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-n");
        info.ArgumentList.Add(Niceness.ToString(System.Globalization.CultureInfo.InvariantCulture));
        info.ArgumentList.Add("dotnet");
        info.ArgumentList.Add(typeof(FleetWorkerProcess).Assembly.Location);
        foreach (var argument in settings.ToArguments())
        {
            info.ArgumentList.Add(argument);
        }

        // The generator should leave the machine to the collector: one heap, no background GC thread.
        info.Environment["DOTNET_gcServer"] = "0";
        info.Environment["DOTNET_gcConcurrent"] = "0";
        info.Environment["DOTNET_NOLOGO"] = "1";
        var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var worker = new FleetWorkerProcess(process, settings.ResultPath, log);
        process.OutputDataReceived += (_, e) => worker.Receive(e.Data);
        process.ErrorDataReceived += (_, e) => worker.Receive(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>The worker's CPU and memory now; null once it is gone.</summary>
    public ProcessSample? Sample() => ProcessSample.TryRead(_process.Id);

    public async Task SendAsync(string command, CancellationToken cancellationToken)
    {
        if (!_process.HasExited)
        {
            await _process.StandardInput.WriteLineAsync(command.AsMemory(), cancellationToken);
            await _process.StandardInput.FlushAsync(cancellationToken);
        }
    }

    /// <summary>Tells the worker to stop and reads its result; null (with the reason in <paramref name="failure"/>) when it gave none in <paramref name="timeout"/>.</summary>
    public async Task<(FleetWorkerResult? Result, string? Failure)> StopAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        await SendAsync("stop", cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            _process.Kill(entireProcessTree: true);
            return (null, $"a fleet worker did not stop within {timeout.TotalSeconds:0} s");
        }

        if (!File.Exists(_resultPath))
        {
            return (null, $"a fleet worker exited with {_process.ExitCode} and no result");
        }

        var result = JsonSerializer.Deserialize<FleetWorkerResult>(await File.ReadAllTextAsync(_resultPath, cancellationToken), Json);
        return (result, result?.Failure);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }

        _process.Dispose();
        lock (_gate)
        {
            _logClosed = true;
            _log.Dispose();
        }
    }

    private void Receive(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line.StartsWith(FleetWorker.StatusPrefix, StringComparison.Ordinal))
        {
            foreach (var part in line.Split(' '))
            {
                if (part.Split('=', 2) is [var name, var value] && Array.IndexOf(StatusCounts, name) is var i and >= 0)
                {
                    Interlocked.Exchange(ref _counts[i], long.Parse(value, CultureInfo.InvariantCulture));
                }
            }

            return;
        }

        lock (_gate)
        {
            if (!_logClosed)
            {
                _log.WriteLine(line);
            }
        }
    }
}
