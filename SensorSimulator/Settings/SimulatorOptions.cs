using System.ComponentModel.DataAnnotations;

namespace Ingest.SensorSimulator.Settings;

/// <summary>The simulated sensor fleet. Section <c>Simulator</c>.</summary>
internal sealed class SimulatorOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Simulator";

    /// <summary>
    /// The collector's gRPC endpoint, used while <c>CollectorAddresses</c> is empty. Default: <c>http://127.0.0.1:5000</c>.
    /// </summary>
    public string CollectorAddress { get; set; } = "http://127.0.0.1:5000";

    /// <summary>
    /// The gRPC endpoints of several collectors that share one database, in order
    /// (<c>--Simulator:CollectorAddresses:0=http://…</c>, <c>…:1=…</c>). Sensor n's home collector is entry
    /// (n - 1) mod the count; a sensor fails over to the next entry when its collector is unreachable or refuses it
    /// (<c>Simulator:Failover</c>). When empty, <c>CollectorAddress</c> is the only one. Default: empty.
    /// </summary>
    public List<string> CollectorAddresses { get; set; } = [];

    /// <summary>
    /// The key every call presents (<c>authorization: Bearer</c>): a Sensor key bound to this fleet's ids.
    /// Default: <c>demo-sensor-key</c>.
    /// </summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Simulator:ApiKey is empty; set it to a Sensor key the collector knows, bound to the simulated sensor ids.")]
    public string ApiKey { get; set; } = "demo-sensor-key";

    /// <summary>How many sensors this process simulates. Default: 10.</summary>
    [Range(1, 20_000)]
    public int Sensors { get; set; } = 10;

    /// <summary>The first part of every sensor id, <c>{IdPrefix}-{kind}-{index:D4}</c>. Default: <c>sim</c>.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$")]
    public string IdPrefix { get; set; } = "sim";

    /// <summary>
    /// Sensor kinds, assigned round-robin by index. Default (when empty): temperature, humidity, pressure,
    /// vibration. Kinds other than these get a generic signal.
    /// </summary>
    public List<string> Kinds { get; set; } = [];

    /// <summary>The seed every sensor's signal derives from, with its index. Default: 42.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Time between two readings of one sensor. Default: 10 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan SamplingInterval { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Readings per batch; a batch is sealed when it holds this many. Default: 100.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>A batch is sealed when its first reading is this old. Default: 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan BatchMaxAge { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Batches per upload stream at most, before the stream is completed and acknowledged. Default: 50.</summary>
    [Range(1, 10_000)]
    public int UploadWindowBatches { get; set; } = 50;

    /// <summary>How long one upload stream stays open at most. Default: 5 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan UploadWindowDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Sealed batches held until the collector settles them, per sensor. Default: 1000.</summary>
    [Range(1, 1_000_000)]
    public int MaxUnackedBatches { get; set; } = 1000;

    /// <summary>What a sensor does when its buffer is full. Default: <see cref="BufferFullPolicy.Block"/>.</summary>
    [EnumDataType(typeof(BufferFullPolicy))]
    public BufferFullPolicy BufferFullPolicy { get; set; } = BufferFullPolicy.Block;

    /// <summary>How long to sample before stopping on purpose; run until stopped when null. Default: null.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "3650.00:00:00")]
    public TimeSpan? Duration { get; set; }

    /// <summary>How long to keep uploading after sampling stops, to flush the buffers. Default: 15 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How far every sensor's clock is off: readings are timestamped this much ahead (behind, when negative), as by a
    /// sensor whose clock is set wrong. For fault-injection runs. Default: 0.
    /// </summary>
    [Range(typeof(TimeSpan), "-1.00:00:00", "1.00:00:00")]
    public TimeSpan ClockOffset { get; set; }

    /// <summary>A path for the JSON ledger written at the end; none when empty. Default: none.</summary>
    public string LedgerPath { get; set; } = "";

    /// <summary>The kinds to use: <see cref="Kinds"/>, or the defaults when none are configured.</summary>
    public IReadOnlyList<string> EffectiveKinds => Kinds.Count > 0 ? Kinds : DefaultKinds;

    /// <summary>The collectors to use: <see cref="CollectorAddresses"/>, or <see cref="CollectorAddress"/> when none are listed.</summary>
    public IReadOnlyList<string> EffectiveCollectorAddresses =>
        CollectorAddresses.Count > 0 ? CollectorAddresses : [CollectorAddress];

    /// <summary>The kinds used when none are configured.</summary>
    public static IReadOnlyList<string> DefaultKinds { get; } = ["temperature", "humidity", "pressure", "vibration"];

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var result in CollectorAddressValidation.Validate(CollectorAddress, CollectorAddresses))
        {
            yield return result;
        }

        foreach (var kind in Kinds)
        {
            if (string.IsNullOrWhiteSpace(kind) || !kind.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                yield return new ValidationResult(
                    $"Kind '{kind}' must be letters, digits or underscores.", [nameof(Kinds)]);
            }
        }
    }
}
