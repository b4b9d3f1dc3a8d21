using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ingest.Testing;

/// <summary>
/// Certificates made in the test. An instance is a ready set written to a temp directory: a test CA
/// (<see cref="Authority"/>, also as PEM), a server certificate for 127.0.0.1 / localhost signed by it (as a PFX) and a
/// client certificate signed by it. The static methods make single certificates for tests that need other shapes.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    /// <summary>The password of <see cref="ServerPfxPath"/>.</summary>
    public const string ServerPassword = "test-password";

    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    private readonly TempDirectory _directory = new("tls");

    public TestCertificates()
    {
        Authority = CreateCa("Ingest test CA");
        using var server = CreateServer(Authority);
        ServerPfxPath = _directory.File("collector.pfx");
        WritePfx(server, ServerPfxPath, ServerPassword);
        AuthorityPemPath = _directory.File("ca.pem");
        WritePem(Authority, AuthorityPemPath);
        Client = CreateClient("sim-1", Authority);
    }

    public X509Certificate2 Authority { get; }

    public X509Certificate2 Client { get; }

    public string ServerPfxPath { get; }

    public string AuthorityPemPath { get; }

    public string DirectoryPath => _directory.Path;

    /// <summary>A self-signed CA named <paramref name="name"/>.</summary>
    public static X509Certificate2 CreateCa(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        return Reload(request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30)));
    }

    /// <summary>A server certificate for 127.0.0.1 and localhost, signed by <paramref name="ca"/>.</summary>
    public static X509Certificate2 CreateServer(X509Certificate2 ca)
    {
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        return Issue("CN=127.0.0.1", ServerAuthentication, names.Build(), ca);
    }

    /// <summary>A client certificate named <paramref name="name"/>, signed by <paramref name="ca"/> or self-signed without one.</summary>
    public static X509Certificate2 CreateClient(string name, X509Certificate2? ca = null)
    {
        if (ca is not null)
        {
            return Issue($"CN={name}", ClientAuthentication, names: null, ca);
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ClientAuthentication)], false));
        var now = DateTimeOffset.UtcNow;
        return Reload(request.CreateSelfSigned(now.AddHours(-1), now.AddDays(7)));
    }

    public static void WritePem(X509Certificate2 certificate, string path)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        File.WriteAllText(path, certificate.ExportCertificatePem());
    }

    public static void WritePfx(X509Certificate2 certificate, string path, string password)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
    }

    /// <summary>Whether <paramref name="certificate"/> chains to this set's CA alone.</summary>
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

    private static X509Certificate2 Issue(string subject, string usage, X509Extension? names, X509Certificate2 ca)
    {
        ArgumentNullException.ThrowIfNull(ca);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        if (names is not null)
        {
            request.CertificateExtensions.Add(names);
        }

        var now = DateTimeOffset.UtcNow;
        using var issued = request.Create(ca, now.AddHours(-1), now.AddDays(7), RandomNumberGenerator.GetBytes(16));
        return Reload(issued.CopyWithPrivateKey(key));
    }

    /// <summary>A round trip through PFX, so that the private key is usable by TLS on every platform.</summary>
    private static X509Certificate2 Reload(X509Certificate2 certificate)
    {
        using (certificate)
        {
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
        }
    }
}
