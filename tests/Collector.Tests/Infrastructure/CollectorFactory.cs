using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.Infrastructure;

/// <summary>
/// The collector hosted in-process on the ASP.NET Core test server, with its own database in a temp
/// directory, and gRPC clients that talk to it without a socket.
/// </summary>
public sealed class CollectorFactory : WebApplicationFactory<Program>
{
    private readonly string _directory;
    private readonly TempDirectory? _ownDirectory;
    private readonly Dictionary<string, string?> _settings = new(StringComparer.Ordinal);
    private Action<IServiceCollection>? _services;
    private string? _settingsFile;
    private string _environment = "Development";
    private GrpcChannel? _channel;

    /// <param name="directory">Where the database lives; a fresh temp directory, deleted afterwards, when null.</param>
    public CollectorFactory(string? directory = null)
    {
        _ownDirectory = directory is null ? new TempDirectory("collector") : null;
        _directory = directory ?? _ownDirectory!.Path;
        _settings["Collector:Storage:Path"] = DatabasePath;

        // Tests send as many sensor ids; the security tests bind the key again where that is the point.
        _settings["Collector:Security:Keys:demo-sensors:Sensors:0"] = "*";

        // A collector on real Kestrel (UseKestrel) would take the fixed scrape port 9464; the metrics tests turn it on with a free one.
        _settings["Collector:Metrics:PrometheusEnabled"] = "false";
    }

    public string DatabasePath => Path.Combine(_directory, "ingest.db");

    /// <summary>Overrides a setting, e.g. <c>With("Collector:Ingestion:MaxReadingsPerBatch", "10")</c>.</summary>
    public CollectorFactory With(string key, string value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>
    /// Stores in the PostgreSQL database of <paramref name="connectionString"/> instead of the SQLite file, as collectors that
    /// share one database do (<c>Collector:Storage:Engine=Postgres</c>).
    /// </summary>
    public CollectorFactory WithPostgres(string connectionString) =>
        With("Collector:Storage:Engine", "Postgres").With("Collector:Storage:ConnectionString", connectionString);

    /// <summary>Replaces services after the collector's own registrations.</summary>
    public CollectorFactory WithServices(Action<IServiceCollection> configure)
    {
        _services += configure;
        return this;
    }

    /// <summary>
    /// Adds a JSON settings file that the collector reloads when it changes (as it does the shared
    /// settings file), for tests that edit settings while the collector runs.
    /// </summary>
    public CollectorFactory WithSettingsFile(string path)
    {
        _settingsFile = path;
        return this;
    }

    /// <summary>Runs the collector in <paramref name="environment"/> instead of Development.</summary>
    public CollectorFactory WithEnvironment(string environment)
    {
        _environment = environment;
        return this;
    }

    /// <summary>The shared channel: every call carries the demo key of its service's role (<see cref="TestKeys.ForPath"/>).</summary>
    public GrpcChannel Channel => _channel ??= CreateChannel(new KeyHandler(Server.CreateHandler()));

    /// <summary>A channel of its own (the caller disposes it) whose calls carry <paramref name="key"/>, or no key when null.</summary>
    public GrpcChannel ChannelWithKey(string? key) =>
        CreateChannel(key is null ? Server.CreateHandler() : new KeyHandler(Server.CreateHandler(), key));

    private GrpcChannel CreateChannel(HttpMessageHandler handler) => GrpcChannel.ForAddress(Server.BaseAddress, new GrpcChannelOptions
    {
        HttpHandler = handler,
        MaxSendMessageSize = null,
    });

    public Wire.Greeter.GreeterClient Greeter => new(Channel);

    public Wire.Ingestion.IngestionClient Ingestion => new(Channel);

    public Wire.Aggregates.AggregatesClient Aggregates => new(Channel);

    public Wire.Query.QueryClient Query => new(Channel);

    public Wire.Control.ControlClient Control => new(Channel);

    public Wire.Admin.AdminClient Admin => new(Channel);

    public StoredRows Stored => new(DatabasePath);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_settingsFile is { } file)
        {
            builder.ConfigureAppConfiguration(configuration => configuration.AddJsonFile(file, optional: false, reloadOnChange: true));
        }

        builder.UseEnvironment(_environment);
        builder.ConfigureTestServices(services => _services?.Invoke(services));
    }

    protected override void Dispose(bool disposing)
    {
        _channel?.Dispose();
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            _ownDirectory?.Dispose();
        }
    }
}
