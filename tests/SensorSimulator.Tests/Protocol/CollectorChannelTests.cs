using System.Security.Authentication;
using Grpc.Core;
using Ingest.Protocol;
using Ingest.Protocol.V1;
using Ingest.SensorSimulator.Tests.Infrastructure;

namespace Ingest.SensorSimulator.Tests.Protocol;

public sealed class CollectorChannelTests : IDisposable
{
    private const string Section = "Simulator:Tls";
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    private readonly TempDirectory _files = new("channel");

    [Fact]
    public async Task Call_OverHttp_PresentsTheKeyAsBearer()
    {
        await using var server = await RecordingServer.StartAsync();
        using var channel = CollectorChannel.Create(server.Address, ConnectTimeout, "key-one", new CollectorTlsOptions(), Section);

        await CallAsync(channel);
        await CallAsync(channel);

        Assert.Equal(["Bearer key-one", "Bearer key-one"], server.Authorizations);
    }

    [Fact]
    public async Task Call_WithTheCollectorsCaConfigured_TrustsItsCertificate()
    {
        using var ca = TestCertificates.CreateCa("Ingest test CA");
        using var serverCertificate = TestCertificates.CreateServer(ca);
        await using var server = await RecordingServer.StartAsync(serverCertificate);
        var tls = new CollectorTlsOptions { CaPath = _files.File("ca.pem") };
        TestCertificates.WritePem(ca, tls.CaPath);
        using var channel = CollectorChannel.Create(server.Address, ConnectTimeout, "key-tls", tls, Section);

        var status = await CallAsync(channel);

        Assert.Equal(StatusCode.Unimplemented, status);
        Assert.Equal(["Bearer key-tls"], server.Authorizations);
        Assert.Equal([""], server.ClientCertificates);
    }

    [Fact]
    public async Task Call_WithAnotherCaConfigured_FailsBeforeReachingTheCollector()
    {
        using var ca = TestCertificates.CreateCa("Ingest test CA");
        using var otherCa = TestCertificates.CreateCa("Another CA");
        using var serverCertificate = TestCertificates.CreateServer(ca);
        await using var server = await RecordingServer.StartAsync(serverCertificate);
        var tls = new CollectorTlsOptions { CaPath = _files.File("other-ca.pem") };
        TestCertificates.WritePem(otherCa, tls.CaPath);
        using var channel = CollectorChannel.Create(server.Address, ConnectTimeout, "key-tls", tls, Section);

        var failure = await CallFailureAsync(channel);

        Assert.IsType<AuthenticationException>(Innermost(failure), exactMatch: false);
        Assert.Empty(server.Authorizations);
    }

    [Fact]
    public async Task Call_WithoutCa_UsesTheSystemStoreWhichDoesNotTrustATestCa()
    {
        using var ca = TestCertificates.CreateCa("Ingest test CA");
        using var serverCertificate = TestCertificates.CreateServer(ca);
        await using var server = await RecordingServer.StartAsync(serverCertificate);
        using var channel = CollectorChannel.Create(server.Address, ConnectTimeout, "key-tls", new CollectorTlsOptions(), Section);

        var failure = await CallFailureAsync(channel);

        Assert.IsType<AuthenticationException>(Innermost(failure), exactMatch: false);
        Assert.Empty(server.Authorizations);
    }

    [Fact]
    public async Task Call_WithClientCertificateConfigured_PresentsIt()
    {
        using var ca = TestCertificates.CreateCa("Ingest test CA");
        using var serverCertificate = TestCertificates.CreateServer(ca);
        using var client = TestCertificates.CreateClient("sensor-fleet-7");
        await using var server = await RecordingServer.StartAsync(serverCertificate);
        var tls = new CollectorTlsOptions
        {
            CaPath = _files.File("ca.pem"),
            ClientCertificatePath = _files.File("client.pfx"),
            ClientCertificatePassword = "pfx-secret",
        };
        TestCertificates.WritePem(ca, tls.CaPath);
        TestCertificates.WritePfx(client, tls.ClientCertificatePath, tls.ClientCertificatePassword);
        using var channel = CollectorChannel.Create(server.Address, ConnectTimeout, "key-mtls", tls, Section);

        await CallAsync(channel);

        Assert.Equal([client.Subject], server.ClientCertificates);
    }

    [Fact]
    public void Create_WithMissingCaFile_NamesTheSettingAndThePath()
    {
        var missing = _files.File("missing-ca.pem");

        var error = Assert.Throws<InvalidOperationException>(() => CollectorChannel.Create(
            "https://127.0.0.1:5001", ConnectTimeout, "key", new CollectorTlsOptions { CaPath = missing }, Section));

        Assert.Contains("Simulator:Tls:CaPath", error.Message, StringComparison.Ordinal);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WithUnreadableClientCertificate_NamesTheSettingAndThePath()
    {
        var garbage = _files.File("client.pfx");
        File.WriteAllText(garbage, "not a pfx");

        var error = Assert.Throws<InvalidOperationException>(() => CollectorChannel.Create(
            "https://127.0.0.1:5001", ConnectTimeout, "key", new CollectorTlsOptions { ClientCertificatePath = garbage }, Section));

        Assert.Contains("Simulator:Tls:ClientCertificatePath", error.Message, StringComparison.Ordinal);
        Assert.Contains(garbage, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ca")]
    [InlineData("client-certificate")]
    public void Create_HttpAddressWithTlsConfigured_RefusesToSendTheKeyInPlainText(string setting)
    {
        var tls = setting == "ca"
            ? new CollectorTlsOptions { CaPath = _files.File("ca.pem") }
            : new CollectorTlsOptions { ClientCertificatePath = _files.File("client.pfx") };

        var error = Assert.Throws<InvalidOperationException>(() => CollectorChannel.Create(
            "http://127.0.0.1:5001", ConnectTimeout, "key", tls, Section));

        Assert.Contains("plain http://", error.Message, StringComparison.Ordinal);
        Assert.Contains(Section, error.Message, StringComparison.Ordinal);
        Assert.Contains("https://", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WithEmptyKey_Fails()
    {
        Assert.Throws<InvalidOperationException>(() => CollectorChannel.Create(
            "http://127.0.0.1:5001", ConnectTimeout, " ", new CollectorTlsOptions(), Section));
    }

    public void Dispose() => _files.Dispose();

    private static async Task<StatusCode> CallAsync(global::Grpc.Net.Client.GrpcChannel channel) =>
        (await CallFailureAsync(channel)).StatusCode;

    private static Exception? Innermost(RpcException exception)
    {
        var cause = exception.Status.DebugException;
        while (cause is not AuthenticationException && cause?.InnerException is not null)
        {
            cause = cause.InnerException;
        }

        return cause;
    }

    /// <summary>One greeting and how it failed (the recording server answers Unimplemented).</summary>
    private static async Task<RpcException> CallFailureAsync(global::Grpc.Net.Client.GrpcChannel channel)
    {
        var client = new Greeter.GreeterClient(channel);
        var exception = await Assert.ThrowsAsync<RpcException>(async () => await client.GreetAsync(
            new GreetRequest { SensorId = "sim-temperature-0001" }, deadline: DateTime.UtcNow.AddSeconds(10)));
        return exception;
    }
}
