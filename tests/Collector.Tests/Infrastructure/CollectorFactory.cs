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
    private GrpcChannel? _channel;

    /// <param name="directory">Where the database lives; a fresh temp directory, deleted afterwards, when null.</param>
    public CollectorFactory(string? directory = null)
    {
        _ownDirectory = directory is null ? new TempDirectory("collector") : null;
        _directory = directory ?? _ownDirectory!.Path;
        _settings["Collector:Storage:Path"] = DatabasePath;
    }

    public string DatabasePath => Path.Combine(_directory, "ingest.db");

    /// <summary>Overrides a setting, e.g. <c>With("Collector:Ingestion:MaxReadingsPerBatch", "10")</c>.</summary>
    public CollectorFactory With(string key, string value)
    {
        _settings[key] = value;
        return this;
    }

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

    public GrpcChannel Channel => _channel ??= GrpcChannel.ForAddress(Server.BaseAddress, new GrpcChannelOptions
    {
        HttpHandler = Server.CreateHandler(),
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

        builder.UseEnvironment("Development");
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
