using System.ComponentModel.DataAnnotations;

namespace Ingest.SensorSimulator.Spool;

/// <summary>
/// The sensor-side durable spool: every sealed batch is written to disk and fsynced before it may be sent,
/// so that a killed simulator process resends it after a restart. Section <c>Simulator:Spool</c>.
/// Sizes are in megabytes of 2^20 bytes.
/// </summary>
internal sealed class SpoolOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Simulator:Spool";

    /// <summary>The setting that names the spool directory, as an operator writes it.</summary>
    public const string PathSetting = SectionName + ":" + nameof(Path);

    /// <summary>
    /// The spool directory, shared by every sensor of one simulator process (one process per directory);
    /// created when missing. No spool when empty. Default: empty (no spool).
    /// </summary>
    public string Path { get; set; } = "";

    /// <summary>
    /// The most disk the spool's segment files take. Appends wait for room (or report none) beyond
    /// <see cref="MaxMegabytes"/> less half a segment, which is kept for compaction. Default: 256 MB.
    /// </summary>
    [Range(4, 1_048_576)]
    public int MaxMegabytes { get; set; } = 256;

    /// <summary>
    /// The size at which the spool starts a new segment file. Space comes back a whole segment at a time,
    /// so smaller segments give space back sooner and cost more files. Default: 16 MB.
    /// </summary>
    [Range(1, 1024)]
    public int SegmentMegabytes { get; set; } = 16;

    /// <summary>
    /// Whether the spool keeps each sealed batch's readings, so that a restarted process resends them. When false it
    /// keeps only the batch's sequence and reading count (a few bytes, made durable before the batch may be sent all
    /// the same): a restarted process cannot resend such a batch, but reports it lost to the collector, so that a
    /// crash's loss is counted, never silent. Default: true.
    /// </summary>
    public bool KeepReadings { get; set; } = true;

    /// <summary>Whether a spool is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Path);

    /// <summary><see cref="MaxMegabytes"/> in bytes.</summary>
    public long MaxBytes => MaxMegabytes * 1024L * 1024;

    /// <summary><see cref="SegmentMegabytes"/> in bytes.</summary>
    public long SegmentBytes => SegmentMegabytes * 1024L * 1024;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if ((long)SegmentMegabytes * 4 > MaxMegabytes)
        {
            yield return new ValidationResult(
                $"Simulator:Spool:SegmentMegabytes ({SegmentMegabytes}) must be at most a quarter of Simulator:Spool:MaxMegabytes ({MaxMegabytes}), " +
                "so that space can come back a segment at a time while sensors keep appending.",
                [nameof(SegmentMegabytes), nameof(MaxMegabytes)]);
        }

        if (Enabled && Path.IndexOfAny(System.IO.Path.GetInvalidPathChars()) >= 0)
        {
            yield return new ValidationResult(
                $"Simulator:Spool:Path '{Path}' is not a valid directory path.", [nameof(Path)]);
        }
    }
}
