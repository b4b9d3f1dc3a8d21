using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Ingest.Collector.Settings;
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
            // Revocation is not checked (there is no CRL for a private CA), here as in ChainsTo.
            https.CheckCertificateRevocation = false;
            https.ClientCertificateValidation = (certificate, chain, _) => ChainsTo(certificate, authorities, Presented(chain));
        }

        listen.UseHttps(https);
    }

    /// <summary>
    /// Whether <paramref name="certificate"/> is valid now, fit for client authentication, and chains to one of
    /// <paramref name="authorities"/>, through the intermediate certificates the client sent
    /// (<paramref name="presented"/>, which help to build the chain but are never trusted as its root).
    /// </summary>
    public static bool ChainsTo(X509Certificate2 certificate, X509Certificate2Collection authorities, X509Certificate2Collection? presented = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(authorities);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        if (presented is not null)
        {
            chain.ChainPolicy.ExtraStore.AddRange(presented);
        }

        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(ClientAuthentication);
        return chain.Build(certificate);
    }

    /// <summary>The certificates of the chain the TLS layer built from what the client sent, the client's own excepted.</summary>
    private static X509Certificate2Collection Presented(X509Chain? chain)
    {
        var presented = new X509Certificate2Collection();
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements.Skip(1))
            {
                presented.Add(element.Certificate);
            }
        }

        return presented;
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
