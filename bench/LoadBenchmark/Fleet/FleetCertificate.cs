using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ingest.LoadBenchmark.Fleet;

/// <summary>
/// The collector's certificate for a fleet run over TLS: self-signed for 127.0.0.1 with an ECDSA P-256 key, as the
/// README's recipe makes one (an ECDSA signature costs a fraction of an RSA-3072 one, and a fleet's reconnect is
/// thousands of handshakes), written as a PFX; the sensors trust it by its SHA-256 hash.
/// </summary>
internal sealed record FleetCertificate(string PfxPath, string Password, string Sha256)
{
    public static FleetCertificate Create(string directory)
    {
        Directory.CreateDirectory(directory);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddHours(-1), now.AddDays(2));
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        var path = Path.Combine(directory, "fleet-collector.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return new FleetCertificate(path, password, Convert.ToHexString(SHA256.HashData(certificate.RawData)));
    }
}
