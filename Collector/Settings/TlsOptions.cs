namespace Ingest.Collector.Settings;

/// <summary>TLS for the collector's endpoint. Section <c>Collector:Tls</c>.</summary>
internal sealed class TlsOptions
{
    /// <summary>A PFX (PKCS#12) certificate; empty serves cleartext HTTP/2. Default: empty.</summary>
    public string CertificatePath { get; set; } = "";

    /// <summary>The password of <see cref="CertificatePath"/>. Default: empty.</summary>
    public string CertificatePassword { get; set; } = "";

    /// <summary>None, or Require for mutual TLS (needs <see cref="CertificatePath"/> and <see cref="ClientCaPath"/>). Default: None.</summary>
    public ClientCertificatePolicy ClientCertificateMode { get; set; } = ClientCertificatePolicy.None;

    /// <summary>The PEM CA certificate(s) client certificates must chain to, with <c>ClientCertificateMode</c> Require. Default: empty.</summary>
    public string ClientCaPath { get; set; } = "";

    public bool Enabled => !string.IsNullOrWhiteSpace(CertificatePath);
}
