namespace Ingest.Collector.Settings;

/// <summary>Whether callers must present a client certificate (mutual TLS).</summary>
internal enum ClientCertificatePolicy
{
    /// <summary>No client certificate is asked for.</summary>
    None,

    /// <summary>Every connection must present a certificate that chains to <see cref="TlsOptions.ClientCaPath"/>.</summary>
    Require,
}
