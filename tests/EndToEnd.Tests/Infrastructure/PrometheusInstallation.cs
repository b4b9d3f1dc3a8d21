using Ingest.LocalPostgres;

namespace Ingest.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Prometheus's server and promtool from Debian's <c>prometheus</c> package, found on the PATH (or in /usr/bin) once per
/// process, and installed with apt-get when missing and the tests run as root; otherwise the tests fail naming the command.
/// </summary>
internal static class PrometheusInstallation
{
    private const string InstallCommand = "apt-get update && apt-get install -y prometheus";

    private static readonly SemaphoreSlim Gate = new(1, 1);

    private static string? _binDirectory;

    /// <summary>The directory of <c>prometheus</c> and <c>promtool</c>, found or installed on the first call.</summary>
    public static async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            return _binDirectory ??= Find() ?? await InstallAsync(cancellationToken);
        }
        finally
        {
            Gate.Release();
        }
    }

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin")
            .FirstOrDefault(directory => File.Exists(Path.Combine(directory, "prometheus")) && File.Exists(Path.Combine(directory, "promtool")));

    private static async Task<string> InstallAsync(CancellationToken cancellationToken)
    {
        const string Missing = "Prometheus's server and promtool (Debian's package prometheus) were not found on the PATH.";
        if (Environment.UserName != "root")
        {
            throw new InvalidOperationException($"{Missing} Install them, as root: {InstallCommand}");
        }

        var noQuestions = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };
        foreach (var step in new[] { new[] { "update" }, ["install", "-y", "prometheus"] })
        {
            var result = await ExternalCommand.TryRunAsync("apt-get", step, noQuestions, cancellationToken);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"{Missing} Installing them failed; run `{InstallCommand}` and look. {result.Describe("failed")}");
            }
        }

        return Find() ?? throw new InvalidOperationException($"{Missing} `{InstallCommand}` succeeded, yet they are still not there.");
    }
}
