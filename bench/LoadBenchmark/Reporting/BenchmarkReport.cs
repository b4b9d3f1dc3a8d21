using Ingest.LoadBenchmark.Scale;

namespace Ingest.LoadBenchmark.Reporting;

/// <summary>Everything one benchmark invocation measured: the content of results.json, from which results.md and the chart are made.</summary>
internal sealed record BenchmarkReport
{
    /// <summary>
    /// The version of results.json this benchmark writes. 2: ack latency per batch (write → ack), per-sensor storage
    /// check, problems that make runs unusable. 3: the collector's and the client's CPU and memory of each run and of
    /// the scale run under <c>process</c> (<see cref="Measurement.ProcessFigures"/>) rather than beside the other figures.
    /// 4: each ceiling and full run made in several rounds, every round in <see cref="Runs"/> with its <c>round</c>, the
    /// options with their <c>rounds</c>; ratios and targets from the median rounds (<see cref="RunRounds"/>). 5: each run's
    /// storage <c>engine</c> and <c>collectors</c> (the PostgreSQL rows), the PostgreSQL server's CPU under <c>process</c>. An earlier report in the output directory is not merged into a new one.
    /// </summary>
    public const int CurrentFormatVersion = 5;

    /// <summary>The results.json version the report was written in; 0 for reports from before versions were written.</summary>
    public int FormatVersion { get; init; }

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

    /// <summary>What makes the throughput runs fail the report: each run's <see cref="RunResult.Problem"/>, after its name.</summary>
    public IReadOnlyList<string> ThroughputProblems => [.. Runs.Where(r => r.Problem is not null).Select(r => $"{r.Name}: {r.Problem}")];

    /// <summary>What makes the scale run fail the report: its <see cref="ScaleResult.Problem"/>.</summary>
    public IReadOnlyList<string> ScaleProblems => Scale?.Problem is { } problem ? [$"scale: {problem}"] : [];

    /// <summary>No run has a problem: every one finished without errors, acknowledged readings, passed its storage check, and reached its rate limit.</summary>
    public bool Passed => ThroughputProblems.Count == 0 && ScaleProblems.Count == 0;

    /// <summary>This report with its ratios and target verdicts computed from its runs and scale run.</summary>
    public BenchmarkReport Judged() => this with { Ratios = ThroughputRatio.Of(Runs), Targets = Reporting.Targets.Evaluate(Runs, Scale) };
}
