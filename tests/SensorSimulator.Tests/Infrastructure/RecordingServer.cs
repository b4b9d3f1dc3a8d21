using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ingest.SensorSimulator.Tests.Infrastructure;

/// <summary>
/// An in-process Kestrel server on 127.0.0.1 (HTTP/2; TLS when given a certificate, accepting any client
/// certificate) that records what every call presents and answers every gRPC call <c>Unimplemented</c>.
/// </summary>
internal sealed class RecordingServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RecordingServer(WebApplication app, string address)
    {
        _app = app;
        Address = address;
    }

    public string Address { get; }

    /// <summary>The <c>authorization</c> header of every call, in order ("" when absent).</summary>
    public ConcurrentQueue<string> Authorizations { get; } = new();

    /// <summary>The subject of the client certificate of every call ("" when none was presented).</summary>
    public ConcurrentQueue<string> ClientCertificates { get; } = new();

    public static async Task<RecordingServer> StartAsync(X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            if (certificate is not null)
            {
                listen.UseHttps(certificate, https =>
                {
                    https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                    https.AllowAnyClientCertificate();
                });
            }
        }));
        var app = builder.Build();
        RecordingServer? server = null;
        app.Run(context =>
        {
            server!.Authorizations.Enqueue(context.Request.Headers.Authorization.ToString());
            server.ClientCertificates.Enqueue(context.Connection.ClientCertificate?.Subject ?? "");
            context.Response.ContentType = "application/grpc";
            context.Response.Headers["grpc-status"] = "12";
            context.Response.Headers["grpc-message"] = "recorded";
            return Task.CompletedTask;
        });
        await app.StartAsync();
        var port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        server = new RecordingServer(app, $"{(certificate is null ? "http" : "https")}://127.0.0.1:{port}");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
