using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Ingest.Collector.Security;

namespace Ingest.Collector.Tests.Security;

/// <summary>A client certificate issued by an intermediate CA that the client sends with it; only the root is configured.</summary>
public sealed class TlsChainTests : IDisposable
{
    private readonly X509Certificate2 _root;
    private readonly X509Certificate2 _intermediate;
    private readonly X509Certificate2 _client;

    public TlsChainTests()
    {
        var now = DateTimeOffset.UtcNow;
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _root = Authority("CN=Ingest test root", rootKey).CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        using var intermediateKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using (var issued = Authority("CN=Ingest test intermediate", intermediateKey).Create(_root, now.AddMinutes(-4), now.AddDays(1), RandomNumberGenerator.GetBytes(16)))
        {
            _intermediate = issued.CopyWithPrivateKey(intermediateKey);
        }

        using var clientKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var client = new CertificateRequest("CN=sim-1", clientKey, HashAlgorithmName.SHA256);
        client.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        client.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        _client = client.Create(_intermediate, now.AddMinutes(-3), now.AddDays(1), RandomNumberGenerator.GetBytes(16));
    }

    public void Dispose()
    {
        _client.Dispose();
        _intermediate.Dispose();
        _root.Dispose();
    }

    [Fact]
    public void ChainsTo_ThroughTheIntermediateTheClientSent_Passes() =>
        Assert.True(TlsEndpoint.ChainsTo(_client, [_root], [_intermediate]));

    [Fact]
    public void ChainsTo_WithoutTheIntermediate_Fails() =>
        Assert.False(TlsEndpoint.ChainsTo(_client, [_root]));

    [Fact]
    public void ChainsTo_AnIntermediateTheClientSent_IsNeverTrustedAsARoot() =>
        Assert.False(TlsEndpoint.ChainsTo(_client, [], [_intermediate]));

    private static CertificateRequest Authority(string subject, ECDsa key)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request;
    }
}
