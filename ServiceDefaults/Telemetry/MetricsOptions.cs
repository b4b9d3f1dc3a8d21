using System.ComponentModel.DataAnnotations;
using OpenTelemetry.Exporter;

namespace Ingest.ServiceDefaults.Telemetry;

/// <summary>
/// Where a program's metrics go: an OTLP endpoint that they are pushed to, and a Prometheus scrape endpoint on a port of
/// their own. A sub-section of each program's section: <c>Collector:Metrics</c>, <c>Simulator:Metrics</c>.
/// </summary>
public sealed class MetricsOptions : IValidatableObject
{
    /// <summary>The sub-section's name under each program's section.</summary>
    public const string SectionName = "Metrics";

    /// <summary>
    /// An OpenTelemetry collector (or any OTLP receiver) to push metrics to, e.g. <c>http://127.0.0.1:4317</c>; no push
    /// when empty. Default: empty.
    /// </summary>
    public string OtlpEndpoint { get; set; } = "";

    /// <summary>The OTLP transport: <c>Grpc</c> (port 4317 by convention) or <c>HttpProtobuf</c> (4318, the path <c>/v1/metrics</c> included). Default: Grpc.</summary>
    public OtlpExportProtocol OtlpProtocol { get; set; } = OtlpExportProtocol.Grpc;

    /// <summary>How often metrics are pushed to <c>OtlpEndpoint</c>. Default: 10 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan OtlpInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether a Prometheus scrape endpoint (plain HTTP/1.1) is served on <c>PrometheusAddress</c>:<c>PrometheusPort</c>. Default: true.</summary>
    public bool PrometheusEnabled { get; set; } = true;

    /// <summary>The address the scrape endpoint listens on. Default: 127.0.0.1.</summary>
    [Required]
    public string PrometheusAddress { get; set; } = "127.0.0.1";

    /// <summary>The scrape endpoint's TCP port, its own beside the program's others. Default: 9464.</summary>
    [Range(1, 65535)]
    public int PrometheusPort { get; set; } = 9464;

    /// <summary>The scrape endpoint's path. Default: /metrics.</summary>
    [Required]
    [RegularExpression("^/.*", ErrorMessage = "The PrometheusPath field must start with '/'.")]
    public string PrometheusPath { get; set; } = "/metrics";

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(OtlpEndpoint)
            && (!Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https")))
        {
            yield return new ValidationResult(
                $"The OtlpEndpoint field must be empty (no push) or an http or https address, e.g. http://127.0.0.1:4317; it is '{OtlpEndpoint}'.",
                [nameof(OtlpEndpoint)]);
        }
    }
}
