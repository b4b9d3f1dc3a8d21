using System.ComponentModel.DataAnnotations;

namespace Ingest.SensorSimulator.Chaos;

/// <summary>
/// Fault injection inside the sensors' own retry pipelines, to watch the retries ride faults out. Section
/// <c>Simulator:Chaos</c>. Off by default.
/// </summary>
internal sealed class SimulatorChaosOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Simulator:Chaos";

    /// <summary>Whether any fault or latency is injected. Default: false.</summary>
    public bool Enabled { get; set; }

    /// <summary>Faults and latency of greetings. Default: none.</summary>
    public ChaosCallOptions Greet { get; set; } = new();

    /// <summary>Faults and latency of upload attempts. Default: none.</summary>
    public ChaosCallOptions Upload { get; set; } = new();

    /// <summary>Faults and latency of control streams. Default: none.</summary>
    public ChaosCallOptions Connect { get; set; } = new();

    /// <summary>The settings of <paramref name="call"/>.</summary>
    public ChaosCallOptions For(ChaosCall call) => call switch
    {
        ChaosCall.Greet => Greet,
        ChaosCall.Upload => Upload,
        ChaosCall.Connect => Connect,
        _ => throw new ArgumentOutOfRangeException(nameof(call), call, "unknown call"),
    };

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var call in Enum.GetValues<ChaosCall>())
        {
            var options = For(call);
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
            foreach (var result in results)
            {
                yield return new ValidationResult(
                    $"{call}: {result.ErrorMessage}", result.MemberNames.Select(member => $"{call}.{member}").ToArray());
            }
        }
    }
}
