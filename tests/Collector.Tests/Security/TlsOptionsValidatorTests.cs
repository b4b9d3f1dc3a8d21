using Ingest.Collector.Security;
using Ingest.Collector.Settings;
using Microsoft.Extensions.Configuration;

namespace Ingest.Collector.Tests.Security;

public sealed class TlsOptionsValidatorTests
{
    [Fact]
    public void Validate_RequireWithoutServerCertificateOrCa_FailsNamingBothSettings()
    {
        var options = new CollectorOptions { Tls = new TlsOptions { ClientCertificateMode = ClientCertificatePolicy.Require } };

        var failure = new TlsOptionsValidator().Validate(null, options).FailureMessage;

        Assert.Contains("Collector:Tls:CertificatePath is empty", failure, StringComparison.Ordinal);
        Assert.Contains("Collector:Tls:ClientCaPath is empty", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RequireWithBoth_Passes()
    {
        var options = new CollectorOptions
        {
            Tls = new TlsOptions { CertificatePath = "collector.pfx", ClientCertificateMode = ClientCertificatePolicy.Require, ClientCaPath = "ca.pem" },
        };

        Assert.True(new TlsOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Validate_ClientCertificateModeGivenAsANumberThatIsNoMode_FailsInsteadOfMeaningNoMutualTls()
    {
        var options = new CollectorOptions();
        new ConfigurationBuilder().AddInMemoryCollection([new("Tls:ClientCertificateMode", "2")]).Build().Bind(options);

        var failure = new TlsOptionsValidator().Validate(null, options).FailureMessage;

        Assert.Contains("Collector:Tls:ClientCertificateMode is 2; it must be one of None, Require", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoClientCertificate_PassesWithoutTls() =>
        Assert.True(new TlsOptionsValidator().Validate(null, new CollectorOptions()).Succeeded);
}
