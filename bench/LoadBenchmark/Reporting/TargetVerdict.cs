namespace Ingest.LoadBenchmark.Reporting;

/// <summary>
/// One of the targets: what it asks, what was measured, and whether it is met (null: not measured in
/// this run, for the reason in <see cref="NotMeasuredBecause"/> when a run that was made cannot support it).
/// </summary>
internal sealed record TargetVerdict(string Target, string Measured, bool? Met, string? NotMeasuredBecause = null)
{
    public string Verdict => Met switch
    {
        true => "met",
        false => "not met",
        null when NotMeasuredBecause is not null => $"not measured ({NotMeasuredBecause})",
        null => "not measured",
    };
}
