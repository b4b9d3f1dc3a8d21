using Ingest.Collector.Settings;
using Microsoft.Extensions.Options;

namespace Ingest.Collector.Security;

/// <summary>
/// Refuses a mutual-TLS setting that could not work: a client certificate mode that is no name of
/// <see cref="ClientCertificatePolicy"/> (a number such as "2" binds to an undefined value, which would mean no
/// mutual TLS), or a client certificate required without TLS or without a CA.
/// </summary>
internal sealed class TlsOptionsValidator : IValidateOptions<CollectorOptions>
{
    public ValidateOptionsResult Validate(string? name, CollectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var tls = options.Tls;
        if (tls is not null && !Enum.IsDefined(tls.ClientCertificateMode))
        {
            return ValidateOptionsResult.Fail(
                $"Collector:Tls:ClientCertificateMode is {(int)tls.ClientCertificateMode}; it must be one of {string.Join(", ", Enum.GetNames<ClientCertificatePolicy>())}");
        }

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
