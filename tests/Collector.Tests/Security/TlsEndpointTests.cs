using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Net.Client;
using Ingest.Collector.Tests.Infrastructure;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.Security;

/// <summary>The collector on a real loopback port over TLS, with certificates made by a test CA.</summary>
public sealed class TlsEndpointTests : IDisposable
{
    private readonly TestCertificates _certificates = new();
    private readonly int _port = FreePorts.Next();

    public void Dispose() => _certificates.Dispose();

    [Fact]
    public async Task Greet_OverTls_SucceedsForAClientThatTrustsOnlyTheTestCa()
    {
        using var collector = Start(requireClientCertificate: false);
        using var channel = Channel(clientCertificate: null);

        var reply = await Greet(channel);

        Assert.True(reply.Accepted);
    }

    [Fact]
    public async Task Greet_WithMutualTlsAndNoClientCertificate_Fails()
    {
        using var collector = Start(requireClientCertificate: true);
        using var channel = Channel(clientCertificate: null);

        var error = await Assert.ThrowsAsync<RpcException>(() => Greet(channel));

        AssertRefusedInHandshake(error);
    }

    [Fact]
    public async Task Greet_WithMutualTlsAndACaSignedClientCertificate_Succeeds()
    {
        using var collector = Start(requireClientCertificate: true);
        using var channel = Channel(_certificates.Client);

        var reply = await Greet(channel);

        Assert.True(reply.Accepted);
    }

    [Fact]
    public async Task Greet_WithMutualTlsAndAClientCertificateOfAnotherCa_Fails()
    {
        using var stranger = new TestCertificates();
        using var collector = Start(requireClientCertificate: true);
        using var channel = Channel(stranger.Client);

        var error = await Assert.ThrowsAsync<RpcException>(() => Greet(channel));

        AssertRefusedInHandshake(error);
    }

    [Fact]
    public void Start_WithMissingCertificateFile_FailsNamingTheSettingAndThePath()
    {
        var missing = Path.Combine(_certificates.DirectoryPath, "missing.pfx");
        using var collector = Configure(new CollectorFactory()).With("Collector:Tls:CertificatePath", missing);
        collector.UseKestrel();

        var error = Assert.Throws<InvalidOperationException>(collector.StartServer);

        Assert.Contains($"Collector:Tls:CertificatePath: cannot read the certificate '{missing}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_WithMissingClientCaFile_FailsNamingTheSettingAndThePath()
    {
        var missing = Path.Combine(_certificates.DirectoryPath, "missing-ca.pem");
        using var collector = Configure(new CollectorFactory())
            .With("Collector:Tls:ClientCertificateMode", "Require")
            .With("Collector:Tls:ClientCaPath", missing);
        collector.UseKestrel();

        var error = Assert.Throws<InvalidOperationException>(collector.StartServer);

        Assert.Contains($"Collector:Tls:ClientCaPath: cannot read the CA certificate '{missing}'", error.Message, StringComparison.Ordinal);
    }

    private CollectorFactory Start(bool requireClientCertificate)
    {
        var collector = Configure(new CollectorFactory());
        if (requireClientCertificate)
        {
            collector.With("Collector:Tls:ClientCertificateMode", "Require").With("Collector:Tls:ClientCaPath", _certificates.AuthorityPemPath);
        }

        collector.UseKestrel();
        collector.StartServer();
        return collector;
    }

    private CollectorFactory Configure(CollectorFactory collector) => collector
        .With("Collector:Address", "127.0.0.1")
        .With("Collector:Port", _port.ToString(CultureInfo.InvariantCulture))
        .With("Collector:Tls:CertificatePath", _certificates.ServerPfxPath)
        .With("Collector:Tls:CertificatePassword", TestCertificates.ServerPassword);

    private GrpcChannel Channel(X509Certificate2? clientCertificate)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            _certificates.IssuedByAuthority(certificate as X509Certificate2);
        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [clientCertificate];
        }

        return GrpcChannel.ForAddress($"https://127.0.0.1:{_port}", new GrpcChannelOptions { HttpHandler = new KeyHandler(handler) });
    }

    private static async Task<Wire.GreetReply> Greet(GrpcChannel channel) =>
        await new Wire.Greeter.GreeterClient(channel).GreetAsync(IngestionCalls.Greeting("sim-tls"), deadline: DateTime.UtcNow.Add(Eventually.DefaultTimeout));

    /// <summary>
    /// The connection failed in the transport, not with a status the collector sent: Unavailable when the
    /// handshake fails, Internal when (with TLS 1.3) the server drops the connection after the client finished.
    /// </summary>
    private static void AssertRefusedInHandshake(RpcException error)
    {
        Assert.Contains(error.StatusCode, new[] { StatusCode.Unavailable, StatusCode.Internal });
        Assert.NotNull(error.Status.DebugException);
    }

}
