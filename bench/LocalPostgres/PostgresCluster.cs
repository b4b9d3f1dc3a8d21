using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Ingest.LocalPostgres;

/// <summary>
/// A throwaway PostgreSQL cluster in a directory it is given (which should be empty), listening on a free 127.0.0.1
/// port with fsync and synchronous_commit on. <see cref="StartAsync"/> creates it (initdb) and starts it, and starts it
/// again after <see cref="StopAsync"/> or <see cref="KillAsync"/>, on the same directory and port; disposing stops it
/// (the directory is its owner's to delete). The tests' PostgresServer and the load benchmark's PostgreSQL runs use it.
/// </summary>
public sealed partial class PostgresCluster : IAsyncDisposable
{
    /// <summary>The database every server has from its first start: "ingest".</summary>
    public const string DefaultDatabase = "ingest";

    /// <summary>The superuser the connection strings name: "postgres", trusted on 127.0.0.1 without a password.</summary>
    public const string User = "postgres";

    private const int PortAttempts = 5;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly string _directory;
    private PostgresInstallation? _installation;
    private bool _created;
    private bool _disposed;

    /// <summary>A cluster to be created in <paramref name="directory"/> (created if missing) by the first <see cref="StartAsync"/>.</summary>
    public PostgresCluster(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        _directory = Directory.CreateDirectory(directory).FullName;
    }

    /// <summary>The server's TCP port on 127.0.0.1; 0 until the first start.</summary>
    public int Port { get; private set; }

    /// <summary>Whether the server is running (started, and not stopped or killed since).</summary>
    public bool IsRunning { get; private set; }

    /// <summary>The directory that holds everything: the data directory, the server's socket and log.</summary>
    public string DirectoryPath => _directory;

    /// <summary>The server's log, for a failure to show.</summary>
    public string LogPath => Path.Combine(_directory, "postgres.log");

    /// <summary>An Npgsql connection string for <see cref="DefaultDatabase"/>.</summary>
    public string ConnectionString => ConnectionStringFor(DefaultDatabase);

    /// <summary>How long the last start took (initdb included on the first).</summary>
    public TimeSpan LastStartDuration { get; private set; }

    private string DataDirectory => Path.Combine(_directory, "data");

    /// <summary>An Npgsql connection string for <paramref name="database"/> on this server.</summary>
    public string ConnectionStringFor(string database) =>
        string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={Port};Database={database};Username={User}");

    /// <summary>
    /// Starts the server: on the first call finds (or installs) PostgreSQL, runs initdb, starts it on a free port (another
    /// if that one is taken meanwhile) and creates <see cref="DefaultDatabase"/>; later, starts it again on the same port.
    /// Returns when it accepts connections. Does nothing when it runs already.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (IsRunning)
        {
            return;
        }

        var started = TimeProvider.System.GetTimestamp();
        if (_created)
        {
            await StartOnAsync(Port, cancellationToken);
        }
        else
        {
            await CreateAsync(cancellationToken);
        }

        LastStartDuration = TimeProvider.System.GetElapsedTime(started);
    }

    /// <summary>Stops the server the way an operator does (<c>pg_ctl stop -m fast</c>): sessions end, the data is checkpointed.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => StopAsync("fast", cancellationToken);

    /// <summary>
    /// Stops the server at once, as a crash would (<c>pg_ctl stop -m immediate</c>): no checkpoint, so the next start
    /// recovers from the write-ahead log what was committed.
    /// </summary>
    public Task KillAsync(CancellationToken cancellationToken = default) => StopAsync("immediate", cancellationToken);

    /// <summary>
    /// The process id of the server's postmaster (the first line of <c>postmaster.pid</c>); its backends and helpers are its
    /// children. Null when the server is not running or the file cannot be read.
    /// </summary>
    public int? ServerProcessId()
    {
        try
        {
            return IsRunning && int.TryParse(File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).FirstOrDefault(), CultureInfo.InvariantCulture, out var pid)
                ? pid
                : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Creates a database of its own (for a test, or a benchmark run) and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        if (!DatabaseName().IsMatch(name ?? ""))
        {
            throw new ArgumentException($"'{name}' is not a database name here: lower-case letters, digits and '_', a letter first, up to 63.", nameof(name));
        }

        await PsqlAsync($"CREATE DATABASE \"{name}\"", "postgres", cancellationToken);
        return ConnectionStringFor(name!);
    }

    /// <summary>
    /// Runs <paramref name="sql"/> with psql, as a person checking the database would, and returns what it printed: the
    /// rows unaligned, one a line, columns separated by '|', trimmed; throws with psql's output when the SQL fails.
    /// </summary>
    public async Task<string> PsqlAsync(string sql, string database = DefaultDatabase, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var installation = _installation ?? throw new InvalidOperationException("The server has not been started.");
        var output = await ExternalCommand.RunAsync(
            installation.Program("psql"),
            ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", User, "-d", database, "-c", sql],
            new Dictionary<string, string> { ["PGCONNECT_TIMEOUT"] = "10" },
            cancellationToken);
        return output.Trim();
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, ending its sessions first.</summary>
    public async Task DropDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        if (!DatabaseName().IsMatch(name ?? ""))
        {
            throw new ArgumentException($"'{name}' is not a database name here.", nameof(name));
        }

        await PsqlAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", "postgres", cancellationToken);
    }

    /// <summary>Stops the server if it runs (fast, else immediately); the directory stays, its owner's to delete.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (IsRunning)
        {
            try
            {
                await StopAsync("fast", CancellationToken.None);
            }
            catch (InvalidOperationException)
            {
                await StopAsync("immediate", CancellationToken.None);
            }
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}$")]
    private static partial Regex DatabaseName();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task CreateAsync(CancellationToken cancellationToken)
    {
        _installation = await PostgresInstallation.GetAsync(cancellationToken);
        await _installation.HandOverAsync(DirectoryPath, cancellationToken);
        // The cluster is thrown away after the test, so initdb need not sync its files; the server itself runs with fsync on.
        await _installation.RunServerProgramAsync(
            "initdb",
            ["-D", DataDirectory, "-U", User, "--auth-local=trust", "--auth-host=trust", "-E", "UTF8", "--locale=C", "--no-instructions", "--no-sync"],
            cancellationToken);
        _created = true;
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var failure = await TryStartOnAsync(port, cancellationToken);
            if (failure is null)
            {
                break;
            }

            // Someone else may take the free port between choosing it and the server binding it: choose another.
            if (attempt == PortAttempts || !failure.Contains("could not bind", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(failure);
            }
        }

        await PsqlAsync($"CREATE DATABASE {DefaultDatabase}", "postgres", cancellationToken);
    }

    private async Task StartOnAsync(int port, CancellationToken cancellationToken)
    {
        if (await TryStartOnAsync(port, cancellationToken) is { } failure)
        {
            throw new InvalidOperationException(failure);
        }
    }

    /// <summary>Starts the server on <paramref name="port"/> and waits until it accepts connections; returns why it did not, or null.</summary>
    private async Task<string?> TryStartOnAsync(int port, CancellationToken cancellationToken)
    {
        var installation = _installation!;
        var logStart = File.Exists(LogPath) ? new FileInfo(LogPath).Length : 0;
        var settings = string.Join(' ', new[]
        {
            $"-p {port}",
            "-c listen_addresses=127.0.0.1",
            $"-c unix_socket_directories='{DirectoryPath}'",
            "-c fsync=on",
            "-c synchronous_commit=on",
            "-c max_connections=200",
            "-c shared_buffers=128MB",
        });
        var result = await installation.TryRunServerProgramAsync(
            "pg_ctl",
            ["start", "-D", DataDirectory, "-l", LogPath, "-w", "-t", ((int)StartTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture), "-o", settings],
            cancellationToken);
        if (result.ExitCode == 0)
        {
            Port = port;
            IsRunning = true;
            return null;
        }

        return $"{result.Describe("failed")}{Environment.NewLine}server log ({LogPath}):{Environment.NewLine}{await ReadLogFromAsync(logStart)}";
    }

    private async Task StopAsync(string mode, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed && !IsRunning, this);
        if (!IsRunning)
        {
            return;
        }

        await _installation!.RunServerProgramAsync("pg_ctl", ["stop", "-D", DataDirectory, "-m", mode, "-w"], cancellationToken);
        IsRunning = false;
    }

    private async Task<string> ReadLogFromAsync(long offset)
    {
        try
        {
            await using var log = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            log.Seek(offset, SeekOrigin.Begin);
            using var reader = new StreamReader(log);
            return await reader.ReadToEndAsync();
        }
        catch (FileNotFoundException)
        {
            return "(none written)";
        }
    }
}
