namespace Ingest.Protocol;

/// <summary>
/// How a program's channel to the collector does TLS, bound from <c>&lt;Program&gt;:Tls</c> (e.g. <c>Simulator:Tls</c>).
/// Used only with an https:// collector address.
/// </summary>
public sealed class CollectorTlsOptions
{
    /// <summary>The name of the sub-section under each program's section.</summary>
    public const string SectionName = "Tls";

    /// <summary>
    /// A PEM file with the CA certificate that the collector's certificate must chain to; only that CA is trusted.
    /// When empty, the system's trust store decides. Default: empty.
    /// </summary>
    public string CaPath { get; set; } = "";

    /// <summary>A PFX file with this program's client certificate and key, for mutual TLS; none when empty. Default: empty.</summary>
    public string ClientCertificatePath { get; set; } = "";

    /// <summary>The password of <see cref="ClientCertificatePath"/>; empty for none. Default: empty.</summary>
    public string ClientCertificatePassword { get; set; } = "";
}
