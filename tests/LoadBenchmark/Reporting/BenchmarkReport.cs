using Ingest.LoadBenchmark.Scale;

namespace Ingest.LoadBenchmark.Reporting;

/// <summary>Everything one benchmark invocation measured: the content of results.json, from which results.md and the chart are made.</summary>
internal sealed record BenchmarkReport
{
    public DateTimeOffset StartedAt { get; init; }

    public required MachineInfo Machine { get; init; }

    /// <summary>The options of the throughput runs, as given on the command line.</summary>
    public required ReportedOptions Options { get; init; }

    public IReadOnlyList<RunResult> Runs { get; init; } = [];

    public IReadOnlyList<ThroughputRatio> Ratios { get; init; } = [];

    public IReadOnlyList<TargetVerdict> Targets { get; init; } = [];

    /// <summary>The scale run, when one was made (<c>--scale</c>, possibly in another invocation into the same directory).</summary>
    public ScaleResult? Scale { get; init; }

    /// <summary>The options of the scale run.</summary>
    public ReportedOptions? ScaleOptions { get; init; }

    /// <summary>Every storage check passed and no run failed.</summary>
    public bool Passed => Runs.All(r => !r.StorageMismatch && r.Failure is null) && Scale?.Failure is null;

    /// <summary>This report with its ratios and target verdicts computed from its runs and scale run.</summary>
    public BenchmarkReport Judged() => this with { Ratios = ThroughputRatio.Of(Runs), Targets = Reporting.Targets.Evaluate(Runs, Scale) };
}
