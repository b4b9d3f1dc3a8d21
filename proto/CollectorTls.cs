using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ingest.Protocol;

/// <summary>Turns <see cref="CollectorTlsOptions"/> into the TLS settings of a channel's handler.</summary>
internal static class CollectorTls
{
    /// <summary>
    /// Sets <paramref name="handler"/> up to trust only the configured CA (when set) and present the client
    /// certificate (when set). Throws <see cref="InvalidOperationException"/> naming the setting and the path when a
    /// file is missing or unreadable.
    /// </summary>
    /// <param name="settingPrefix">The section the options came from, e.g. <c>Simulator:Tls</c>, for error messages.</param>
    public static void Apply(SocketsHttpHandler handler, CollectorTlsOptions options, string settingPrefix)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.CaPath))
        {
            var roots = LoadCa(options.CaPath, $"{settingPrefix}:{nameof(CollectorTlsOptions.CaPath)}");
            handler.SslOptions.CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            handler.SslOptions.CertificateChainPolicy.CustomTrustStore.AddRange(roots);
        }

        if (!string.IsNullOrWhiteSpace(options.ClientCertificatePath))
        {
            var certificate = LoadClientCertificate(
                options.ClientCertificatePath,
                options.ClientCertificatePassword,
                $"{settingPrefix}:{nameof(CollectorTlsOptions.ClientCertificatePath)}");
            handler.SslOptions.ClientCertificates = new X509CertificateCollection { certificate };
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate;
        }
    }

    private static X509Certificate2Collection LoadCa(string path, string setting)
    {
        var fullPath = Path.GetFullPath(path);
        try
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(fullPath);
            if (roots.Count == 0)
            {
                throw new InvalidOperationException(
                    $"{setting}: {fullPath} holds no PEM certificate; set it to the PEM file of the CA that signed the collector's certificate.");
            }

            return roots;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new InvalidOperationException(
                $"{setting}: cannot read the CA certificate {fullPath} ({ex.Message}); set it to a readable PEM file or leave it empty to use the system's trust store.",
                ex);
        }
    }

    private static X509Certificate2 LoadClientCertificate(string path, string password, string setting)
    {
        var fullPath = Path.GetFullPath(path);
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(
                fullPath, string.IsNullOrEmpty(password) ? null : password, X509KeyStorageFlags.EphemeralKeySet);
            if (!certificate.HasPrivateKey)
            {
                throw new InvalidOperationException(
                    $"{setting}: {fullPath} has no private key; a client certificate for mutual TLS must be a PFX with its key.");
            }

            return certificate;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new InvalidOperationException(
                $"{setting}: cannot read the client certificate {fullPath} ({ex.Message}); set it to a readable PFX file (and its password) or leave it empty.",
                ex);
        }
    }
}
