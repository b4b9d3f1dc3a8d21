using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Ingest.Collector.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Ingest.Collector.Security;

/// <summary>
/// TLS on the collector's endpoint: the server certificate and, with <c>ClientCertificateMode</c> Require,
/// mutual TLS whose client certificates must chain to the configured CA (and to nothing else). A
/// certificate that cannot be read stops the start with the setting and the path in the message.
/// </summary>
internal static class TlsEndpoint
{
    private const string Section = "Collector:Tls";
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    public static void Configure(ListenOptions listen, TlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(listen);
        ArgumentNullException.ThrowIfNull(options);
        var https = new HttpsConnectionAdapterOptions { ServerCertificate = LoadServerCertificate(options) };
        if (options.ClientCertificateMode == ClientCertificatePolicy.Require)
        {
            var authorities = LoadAuthorities(options.ClientCaPath);
            https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
            https.ClientCertificateValidation = (certificate, _, _) => ChainsTo(certificate, authorities);
        }

        listen.UseHttps(https);
    }

    /// <summary>Whether <paramref name="certificate"/> is valid now, fit for client authentication, and chains to one of <paramref name="authorities"/>.</summary>
    public static bool ChainsTo(X509Certificate2 certificate, X509Certificate2Collection authorities)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(authorities);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(ClientAuthentication);
        return chain.Build(certificate);
    }

    private static X509Certificate2 LoadServerCertificate(TlsOptions options)
    {
        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, options.CertificatePassword);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new InvalidOperationException(
                $"{Section}:CertificatePath: cannot read the certificate '{options.CertificatePath}' ({ex.Message}); it must be a PFX (PKCS#12) file readable by the collector, with its password in {Section}:CertificatePassword",
                ex);
        }
    }

    private static X509Certificate2Collection LoadAuthorities(string path)
    {
        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new InvalidOperationException(
                $"{Section}:ClientCaPath: cannot read the CA certificate '{path}' ({ex.Message}); it must be a PEM file readable by the collector", ex);
        }

        return authorities.Count > 0
            ? authorities
            : throw new InvalidOperationException($"{Section}:ClientCaPath: '{path}' holds no PEM certificate; it must hold the CA that signs the clients' certificates");
    }
}
