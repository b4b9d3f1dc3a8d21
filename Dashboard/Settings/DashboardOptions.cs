using System.ComponentModel.DataAnnotations;

namespace Ingest.Dashboard.Settings;

/// <summary>The dashboard. Section <c>Dashboard</c>.</summary>
internal sealed class DashboardOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Dashboard";

    /// <summary>The setting <see cref="CollectorAddresses"/> is read from.</summary>
    public const string CollectorAddressesSetting = SectionName + ":" + nameof(CollectorAddresses);

    /// <summary>
    /// The collector's gRPC endpoint, when <c>CollectorAddresses</c> is empty; <c>--collector</c> overrides it.
    /// Default: <c>http://127.0.0.1:5000</c>.
    /// </summary>
    [Required]
    public string CollectorAddress { get; set; } = "http://127.0.0.1:5000";

    /// <summary>
    /// Several collectors that share one database: the views subscribe to all of them and merge what they report;
    /// <c>config</c>, <c>command</c> and <c>export</c> go to the first that answers. Replaces <c>CollectorAddress</c>
    /// when not empty; <c>--collector</c> (repeated or comma-separated) overrides both. Default: empty.
    /// </summary>
    public List<string> CollectorAddresses { get; set; } = [];

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

    /// <summary>The collectors to use, in order: <see cref="CollectorAddresses"/>, or <see cref="CollectorAddress"/> alone when it is empty.</summary>
    public IReadOnlyList<string> Collectors() => CollectorAddresses.Count > 0 ? CollectorAddresses : [CollectorAddress];

    /// <summary>The collectors for a message: <c>http://a</c>, or <c>http://a or http://b</c>.</summary>
    public string CollectorsText() => string.Join(" or ", Collectors());

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

        if (CollectorAddresses.Count == 0 && !IsCollectorAddress(CollectorAddress))
        {
            yield return new ValidationResult(
                $"CollectorAddress '{CollectorAddress}' must be an http:// or https:// address.", [nameof(CollectorAddress)]);
        }

        for (var index = 0; index < CollectorAddresses.Count; index++)
        {
            if (!IsCollectorAddress(CollectorAddresses[index]))
            {
                yield return new ValidationResult(
                    $"{CollectorAddressesSetting}:{index} '{CollectorAddresses[index]}' must be an http:// or https:// address, " +
                    "e.g. http://127.0.0.1:5000.",
                    [nameof(CollectorAddresses)]);
            }
        }
    }

    /// <summary>Whether <paramref name="text"/> is an absolute http:// or https:// address.</summary>
    public static bool IsCollectorAddress(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
