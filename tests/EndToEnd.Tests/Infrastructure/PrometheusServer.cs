using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Ingest.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The real Prometheus server on a free 127.0.0.1 port, with a configuration and a database in the test's directory,
/// scraping one target every second; its HTTP API answers instant queries. Stopped when disposed.
/// </summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    private readonly ManagedProcess _process;
    private readonly HttpClient _http;

    private PrometheusServer(ManagedProcess process, int port)
    {
        _process = process;
        Port = port;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(5) };
    }

    public int Port { get; }

    /// <summary>
    /// Starts Prometheus scraping <paramref name="target"/> (host:port) as job <paramref name="job"/> every second, with
    /// <paramref name="ruleFiles"/> loaded, and waits until it is ready.
    /// </summary>
    public static async Task<PrometheusServer> StartAsync(string binDirectory, TempDirectory directory, string job, string target, IReadOnlyList<string> ruleFiles)
    {
        var port = FreePort.Next();
        var config = directory.File("prometheus.yml");
        await File.WriteAllTextAsync(config, string.Join('\n',
        [
            "global:",
            "  scrape_interval: 1s",
            "  evaluation_interval: 1s",
            "rule_files:",
            .. ruleFiles.Select(file => $"  - '{file}'"),
            "scrape_configs:",
            $"  - job_name: {job}",
            "    static_configs:",
            $"      - targets: ['{target}']",
            "",
        ]));
        var process = ManagedProcess.Start("prometheus", Path.Combine(binDirectory, "prometheus"),
        [
            $"--config.file={config}",
            $"--storage.tsdb.path={directory.File("prometheus-data")}",
            $"--web.listen-address=127.0.0.1:{port}",
        ], directory.Path);
        var server = new PrometheusServer(process, port);
        try
        {
            await Eventually.UntilAsync(server.IsReadyAsync, "Prometheus is ready", TimeSpan.FromSeconds(30), poll: TimeSpan.FromMilliseconds(100));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>The value of the instant query <paramref name="query"/>'s first sample; null while it has none.</summary>
    public async Task<double?> QueryAsync(string query)
    {
        using var response = await _http.GetAsync("api/v1/query?query=" + Uri.EscapeDataString(query));
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var result = document.RootElement.GetProperty("data").GetProperty("result");
        return result.GetArrayLength() == 0
            ? null
            : double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
    }

    /// <summary>The names of the alerting rules Prometheus loaded.</summary>
    public async Task<IReadOnlyList<string>> AlertRuleNamesAsync()
    {
        using var document = JsonDocument.Parse(await _http.GetStringAsync("api/v1/rules?type=alert"));
        return
        [
            .. document.RootElement.GetProperty("data").GetProperty("groups").EnumerateArray()
                .SelectMany(group => group.GetProperty("rules").EnumerateArray())
                .Select(rule => rule.GetProperty("name").GetString()!),
        ];
    }

    /// <summary>Runs <c>promtool</c> with <paramref name="arguments"/>, <paramref name="input"/> on its standard input; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> PromtoolAsync(string binDirectory, string? input, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(binDirectory, "promtool"))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input ?? "");
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _process.DisposeAsync();
    }

    private async Task<bool> IsReadyAsync()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"Prometheus exited at start:\n{_process.Output}");
        }

        try
        {
            using var response = await _http.GetAsync("-/ready");
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
