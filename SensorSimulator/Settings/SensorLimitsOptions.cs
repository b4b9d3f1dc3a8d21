using System.ComponentModel.DataAnnotations;

namespace Ingest.SensorSimulator.Settings;

/// <summary>
/// What a sensor accepts from the collector: a configuration outside these limits is rejected with the
/// reason and the sensor keeps its last good one. Section <c>Simulator:Limits</c>.
/// </summary>
internal sealed class SensorLimitsOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Simulator:Limits";

    /// <summary>The shortest sampling interval. Default: 10 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan MinSamplingInterval { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>The longest sampling interval. Default: 1 h.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan MaxSamplingInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The most readings per batch. Default: 10,000.</summary>
    [Range(1, 1_000_000)]
    public int MaxBatchSize { get; set; } = 10_000;

    /// <summary>The shortest batch age. Default: 10 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan MinBatchMaxAge { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>The longest batch age. Default: 1 h.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan MaxBatchMaxAge { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The most batches per upload stream. Default: 10,000.</summary>
    [Range(1, 1_000_000)]
    public int MaxUploadWindowBatches { get; set; } = 10_000;

    /// <summary>The shortest upload window. Default: 100 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan MinUploadWindowDuration { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest upload window. Default: 1 h.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan MaxUploadWindowDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The shortest status interval. Default: 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan MinStatusInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MinSamplingInterval > MaxSamplingInterval)
        {
            yield return new ValidationResult(
                $"MinSamplingInterval {MinSamplingInterval} must not exceed MaxSamplingInterval {MaxSamplingInterval}.",
                [nameof(MinSamplingInterval), nameof(MaxSamplingInterval)]);
        }

        if (MinBatchMaxAge > MaxBatchMaxAge)
        {
            yield return new ValidationResult(
                $"MinBatchMaxAge {MinBatchMaxAge} must not exceed MaxBatchMaxAge {MaxBatchMaxAge}.",
                [nameof(MinBatchMaxAge), nameof(MaxBatchMaxAge)]);
        }

        if (MinUploadWindowDuration > MaxUploadWindowDuration)
        {
            yield return new ValidationResult(
                $"MinUploadWindowDuration {MinUploadWindowDuration} must not exceed MaxUploadWindowDuration {MaxUploadWindowDuration}.",
                [nameof(MinUploadWindowDuration), nameof(MaxUploadWindowDuration)]);
        }
    }
}
