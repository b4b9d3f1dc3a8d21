using System.ComponentModel;

namespace Ingest.LocalPostgres;

/// <summary>
/// PostgreSQL's server programs on this machine, found once per process: <c>pg_config --bindir</c> first, else the highest
/// <c>/usr/lib/postgresql/*/bin</c> holding initdb; installed with apt-get when neither has them and the tests run as root.
/// initdb and postgres refuse to run as root, so a root test process runs them as the <c>postgres</c> system user.
/// </summary>
internal sealed class PostgresInstallation
{
    /// <summary>The system user the server runs as when the tests run as root.</summary>
    public const string ServerUser = "postgres";

    private const string InstallCommand = "apt-get update && apt-get install -y postgresql";
    private const string PackageRoot = "/usr/lib/postgresql";

    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>The server's programs in a locale every machine has, so that initdb never trips over an uninstalled LANG.</summary>
    private static readonly Dictionary<string, string> Locale = new() { ["LC_ALL"] = "C.UTF-8", ["LANG"] = "C.UTF-8" };

    private static readonly string[] ServerPrograms = ["initdb", "pg_ctl", "postgres", "psql"];

    private static PostgresInstallation? _found;

    private PostgresInstallation(string binDirectory, bool asServerUser)
    {
        BinDirectory = binDirectory;
        AsServerUser = asServerUser;
    }

    /// <summary>The directory of initdb, pg_ctl, postgres and psql.</summary>
    public string BinDirectory { get; }

    /// <summary>Whether the server programs run as <see cref="ServerUser"/> (the tests run as root).</summary>
    public bool AsServerUser { get; }

    /// <summary>The installation, found (or installed, or its user created) on the first call.</summary>
    public static async Task<PostgresInstallation> GetAsync(CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (_found is null)
            {
                var binDirectory = await FindAsync(cancellationToken) ?? await InstallAsync(cancellationToken);
                var asServerUser = Environment.UserName == "root";
                if (asServerUser)
                {
                    await EnsureServerUserAsync(cancellationToken);
                }

                _found = new PostgresInstallation(binDirectory, asServerUser);
            }

            return _found;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>The path of one of the programs, e.g. "psql".</summary>
    public string Program(string name) => Path.Combine(BinDirectory, name);

    /// <summary>Runs a server program (initdb, pg_ctl) as the server's user; throws with the command and its output when it fails.</summary>
    public async Task<string> RunServerProgramAsync(string name, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var result = await TryRunServerProgramAsync(name, arguments, cancellationToken);
        return result.ExitCode == 0 ? result.Output : throw new InvalidOperationException(result.Describe("failed"));
    }

    /// <inheritdoc cref="RunServerProgramAsync"/>
    public Task<ExternalCommandResult> TryRunServerProgramAsync(string name, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        AsServerUser
            ? ExternalCommand.TryRunAsync("runuser", ["-u", ServerUser, "--", Program(name), .. arguments], Locale, cancellationToken)
            : ExternalCommand.TryRunAsync(Program(name), arguments, Locale, cancellationToken);

    /// <summary>Gives <paramref name="directory"/> (and everything in it) to the server's user, when it is another user.</summary>
    public async Task HandOverAsync(string directory, CancellationToken cancellationToken)
    {
        if (AsServerUser)
        {
            await ExternalCommand.RunAsync("chown", ["-R", $"{ServerUser}:", directory], cancellationToken: cancellationToken);
        }
    }

    private static async Task<string?> FindAsync(CancellationToken cancellationToken)
    {
        try
        {
            var configured = await ExternalCommand.TryRunAsync("pg_config", ["--bindir"], cancellationToken: cancellationToken);
            if (configured.ExitCode == 0 && HasServer(configured.Output.Trim()))
            {
                return configured.Output.Trim();
            }
        }
        catch (Win32Exception)
        {
            // No pg_config on the PATH: look where Debian's packages put the server.
        }

        if (!Directory.Exists(PackageRoot))
        {
            return null;
        }

        return Directory.EnumerateDirectories(PackageRoot)
            .Select(directory => (Bin: Path.Combine(directory, "bin"), Version: ParseVersion(Path.GetFileName(directory))))
            .Where(candidate => candidate.Version is not null && HasServer(candidate.Bin))
            .OrderByDescending(candidate => candidate.Version)
            .Select(candidate => candidate.Bin)
            .FirstOrDefault();
    }

    private static bool HasServer(string directory) =>
        ServerPrograms.All(program => File.Exists(Path.Combine(directory, program)));

    private static Version? ParseVersion(string name) =>
        Version.TryParse(name.Contains('.', StringComparison.Ordinal) ? name : name + ".0", out var version) ? version : null;

    private static async Task<string> InstallAsync(CancellationToken cancellationToken)
    {
        const string Missing = "PostgreSQL's server programs (initdb, pg_ctl, postgres, psql) were not found: neither `pg_config --bindir` " +
            "nor " + PackageRoot + "/*/bin has them.";
        if (Environment.UserName != "root")
        {
            throw new InvalidOperationException($"{Missing} Install them, as root: {InstallCommand}");
        }

        var noQuestions = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };
        foreach (var step in new[] { new[] { "update" }, ["install", "-y", "postgresql"] })
        {
            var result = await ExternalCommand.TryRunAsync("apt-get", step, noQuestions, cancellationToken);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"{Missing} Installing them failed; run `{InstallCommand}` and look. {result.Describe("failed")}");
            }
        }

        return await FindAsync(cancellationToken)
            ?? throw new InvalidOperationException($"{Missing} `{InstallCommand}` succeeded, yet they are still not there.");
    }

    private static async Task EnsureServerUserAsync(CancellationToken cancellationToken)
    {
        if ((await ExternalCommand.TryRunAsync("id", ["-u", ServerUser], cancellationToken: cancellationToken)).ExitCode == 0)
        {
            return;
        }

        var created = await ExternalCommand.TryRunAsync("useradd", ["--system", "--user-group", ServerUser], cancellationToken: cancellationToken);
        if (created.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"The tests run as root, and PostgreSQL refuses to: its server runs as the system user '{ServerUser}', which does not exist " +
                $"and could not be created. Create it: useradd --system --user-group {ServerUser}. {created.Describe("failed")}");
        }
    }
}
