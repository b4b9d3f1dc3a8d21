using Ingest.Collector.Hosting;
using Microsoft.Extensions.Options;

namespace Ingest.Collector.Security;

/// <summary>Refuses a mutual-TLS setting that could not work: a client certificate required without TLS or without a CA.</summary>
internal sealed class TlsOptionsValidator : IValidateOptions<CollectorOptions>
{
    public ValidateOptionsResult Validate(string? name, CollectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var tls = options.Tls;
        if (tls is null || tls.ClientCertificateMode != ClientCertificatePolicy.Require)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (!tls.Enabled)
        {
            failures.Add("Collector:Tls:ClientCertificateMode is Require, but Collector:Tls:CertificatePath is empty; mutual TLS needs the collector's own certificate too");
        }

        if (string.IsNullOrWhiteSpace(tls.ClientCaPath))
        {
            failures.Add("Collector:Tls:ClientCertificateMode is Require, but Collector:Tls:ClientCaPath is empty; set it to the PEM CA that signs the clients' certificates");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
