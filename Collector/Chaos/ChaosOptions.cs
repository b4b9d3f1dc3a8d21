using System.ComponentModel.DataAnnotations;

namespace Ingest.Collector.Chaos;

/// <summary>
/// Fault injection inside the collector, for tests that prove nothing acknowledged is lost. Section
/// <c>Collector:Chaos</c>; everything is off by default, and nothing is injected unless <see cref="Enabled"/>.
/// <see cref="Enabled"/> is read once at start (an edit takes effect at the next start); the rates reload live.
/// </summary>
internal sealed class ChaosOptions : IValidatableObject
{
    public const string SectionName = "Collector:Chaos";

    /// <summary>Whether any chaos is injected; read at start only. Default: false.</summary>
    public bool Enabled { get; set; }

    /// <summary>Faults (storage failures: no ack, health not serving) and latency (slow storage) around the storage commit. Default: none.</summary>
    public ChaosInjectionOptions Commit { get; set; } = new();

    /// <summary>
    /// Share of Upload streams (0..1) whose batches are committed but whose acknowledgement is replaced by
    /// Unavailable; the sensor learns what was stored from its next greeting. Default: 0.
    /// </summary>
    [Range(0.0, 1.0)]
    public double DropAckAfterCommitRate { get; set; }

    /// <summary>Ends every Upload stream with Unavailable once it has sent this many batches (they are committed); 0 = off. Default: 0.</summary>
    [Range(0, int.MaxValue)]
    public int AbortStreamAfterBatches { get; set; }

    /// <summary>
    /// Share of received batches (0..1) after which their Upload stream is ended with Unavailable, as a cut connection
    /// would end it; the batches received so far are committed, and the sensor greets again and resends the rest. Drawn
    /// per batch, so a run that uploads N batches sees about N × the rate aborted streams. Default: 0.
    /// </summary>
    [Range(0.0, 1.0)]
    public double AbortStreamRate { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(Commit, new ValidationContext(Commit), results, validateAllProperties: true);
        return results.Select(r => new ValidationResult($"{nameof(Commit)}: {r.ErrorMessage}", r.MemberNames.Select(m => $"{nameof(Commit)}.{m}")));
    }
}
