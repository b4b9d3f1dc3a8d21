using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ingest.Collector.Tests.Security;

/// <summary>A test CA, a server certificate for 127.0.0.1 / localhost and a client certificate, all signed by it, written to a temp directory.</summary>
internal sealed class TestCertificates : IDisposable
{
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    private readonly TempDirectory _directory = new("tls");

    public TestCertificates()
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Ingest test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        Authority = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        using var server = Issue("CN=127.0.0.1", ServerAuthentication, names.Build(), now);
        ServerPfxPath = Path.Combine(_directory.Path, "collector.pfx");
        File.WriteAllBytes(ServerPfxPath, server.Export(X509ContentType.Pfx, ServerPassword));

        AuthorityPemPath = Path.Combine(_directory.Path, "ca.pem");
        File.WriteAllText(AuthorityPemPath, Authority.ExportCertificatePem());

        using var client = Issue("CN=sim-1", ClientAuthentication, null, now);
        Client = X509CertificateLoader.LoadPkcs12(client.Export(X509ContentType.Pfx, ""), "");
    }

    public const string ServerPassword = "test-password";

    public X509Certificate2 Authority { get; }

    public X509Certificate2 Client { get; }

    public string ServerPfxPath { get; }

    public string AuthorityPemPath { get; }

    public string DirectoryPath => _directory.Path;

    /// <summary>Whether <paramref name="certificate"/> chains to the test CA alone.</summary>
    public bool IssuedByAuthority(X509Certificate2? certificate)
    {
        if (certificate is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    public void Dispose()
    {
        Authority.Dispose();
        Client.Dispose();
        _directory.Dispose();
    }

    private X509Certificate2 Issue(string subject, string usage, X509Extension? names, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Authority, true, false));
        if (names is not null)
        {
            request.CertificateExtensions.Add(names);
        }

        using var issued = request.Create(Authority, now.AddMinutes(-5), now.AddDays(1), RandomNumberGenerator.GetBytes(16));
        return issued.CopyWithPrivateKey(key);
    }
}
