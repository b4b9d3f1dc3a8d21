namespace Ingest.LoadBenchmark.Reporting;

/// <summary>One of the targets: what it asks, what was measured, and whether it is met (null: not measured in this run).</summary>
internal sealed record TargetVerdict(string Target, string Measured, bool? Met)
{
    public string Verdict => Met switch
    {
        true => "met",
        false => "not met",
        null => "not measured",
    };
}
