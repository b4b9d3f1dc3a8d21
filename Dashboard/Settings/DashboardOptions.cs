using System.ComponentModel.DataAnnotations;

namespace Ingest.Dashboard.Settings;

/// <summary>The dashboard. Section <c>Dashboard</c>.</summary>
internal sealed class DashboardOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Dashboard";

    /// <summary>The collector's gRPC endpoint; <c>--collector</c> overrides it. Default: <c>http://127.0.0.1:5000</c>.</summary>
    [Required]
    [Url]
    public string CollectorAddress { get; set; } = "http://127.0.0.1:5000";

    /// <summary>The setting <see cref="ApiKey"/> is read from.</summary>
    public const string ApiKeySetting = SectionName + ":" + nameof(ApiKey);

    /// <summary>The setting <see cref="AdminKey"/> is read from.</summary>
    public const string AdminKeySetting = SectionName + ":" + nameof(AdminKey);

    /// <summary>
    /// The key (a Viewer or Admin key) the live view, <c>--once</c>, <c>--json</c> and <c>export</c> present;
    /// <c>--key</c> overrides it. Default: <c>demo-viewer-key</c>.
    /// </summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Dashboard:ApiKey is empty; set it (or pass --key) to a Viewer key the collector knows.")]
    public string ApiKey { get; set; } = "demo-viewer-key";

    /// <summary>
    /// The key (an Admin key) <c>config …</c> and <c>command …</c> present; <c>--key</c> overrides it.
    /// Default: <c>demo-admin-key</c>.
    /// </summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Dashboard:AdminKey is empty; set it (or pass --key) to an Admin key the collector knows.")]
    public string AdminKey { get; set; } = "demo-admin-key";

    /// <summary>How often the live view redraws; at most four times a second. Default: 250 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00.250", "00:01:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The fastest rate of updates asked of the collector (<c>min_update_interval</c>). Default: 250 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan UpdateInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The first delay before reconnecting; it doubles per failed attempt. Default: 500 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest delay between two reconnect attempts. Default: 10 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a connection attempt or a greeting may take. Default: 5 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long the aggregate stream may stay silent (no update, no heartbeat) before the dashboard reconnects.
    /// Default: 30 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Window means kept per sensor for its sparkline. Default: 20.</summary>
    [Range(1, 200)]
    public int SparklineWindows { get; set; } = 20;

    /// <summary>The key to present for <paramref name="key"/>.</summary>
    public string KeyFor(DashboardKey key) => key == DashboardKey.Admin ? AdminKey : ApiKey;

    /// <summary>The setting that holds the key for <paramref name="key"/>.</summary>
    public static string SettingFor(DashboardKey key) => key == DashboardKey.Admin ? AdminKeySetting : ApiKeySetting;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RetryMaxDelay < RetryBaseDelay)
        {
            yield return new ValidationResult(
                $"RetryMaxDelay ({RetryMaxDelay}) must not be shorter than RetryBaseDelay ({RetryBaseDelay}).",
                [nameof(RetryMaxDelay)]);
        }

        if (!Uri.TryCreate(CollectorAddress, UriKind.Absolute, out var uri) ||
            (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            yield return new ValidationResult(
                $"CollectorAddress '{CollectorAddress}' must be an http:// or https:// address.", [nameof(CollectorAddress)]);
        }
    }
}
