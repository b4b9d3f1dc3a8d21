using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ingest.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The files of a TLS run, written to a test's directory: a CA (PEM), the collector's certificate for 127.0.0.1
/// (PFX) and a client certificate for the sensors and the dashboard (PFX), both signed by the CA.
/// </summary>
internal sealed class TlsFiles
{
    public const string ServerPassword = "collector-password";

    public const string ClientPassword = "client-password";

    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    private TlsFiles(string authorityPemPath, string serverPfxPath, string clientPfxPath)
    {
        AuthorityPemPath = authorityPemPath;
        ServerPfxPath = serverPfxPath;
        ClientPfxPath = clientPfxPath;
    }

    public string AuthorityPemPath { get; }

    public string ServerPfxPath { get; }

    public string ClientPfxPath { get; }

    public static TlsFiles Write(TempDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Ingest end-to-end test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var authority = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        using var server = Issue(authority, "CN=127.0.0.1", ServerAuthentication, names.Build(), now);
        using var client = Issue(authority, "CN=sim", ClientAuthentication, null, now);

        var files = new TlsFiles(directory.File("ca.pem"), directory.File("collector.pfx"), directory.File("client.pfx"));
        File.WriteAllText(files.AuthorityPemPath, authority.ExportCertificatePem());
        File.WriteAllBytes(files.ServerPfxPath, server.Export(X509ContentType.Pfx, ServerPassword));
        File.WriteAllBytes(files.ClientPfxPath, client.Export(X509ContentType.Pfx, ClientPassword));
        return files;
    }

    private static X509Certificate2 Issue(X509Certificate2 authority, string subject, string usage, X509Extension? names, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        if (names is not null)
        {
            request.CertificateExtensions.Add(names);
        }

        using var issued = request.Create(authority, now.AddMinutes(-5), now.AddDays(1), RandomNumberGenerator.GetBytes(16));
        return issued.CopyWithPrivateKey(key);
    }
}
