namespace Ingest.Collector.Hosting;

/// <summary>TLS for the collector's endpoint. Section <c>Collector:Tls</c>.</summary>
internal sealed class TlsOptions
{
    /// <summary>A PFX (PKCS#12) certificate; empty serves cleartext HTTP/2. Default: empty.</summary>
    public string CertificatePath { get; set; } = "";

    /// <summary>The password of <see cref="CertificatePath"/>. Default: empty.</summary>
    public string CertificatePassword { get; set; } = "";

    public bool Enabled => !string.IsNullOrWhiteSpace(CertificatePath);
}
