using Ingest.LoadBenchmark.Load;
using ScottPlot;

namespace Ingest.LoadBenchmark.Reporting;

/// <summary>
/// throughput.png: acknowledged readings/s against batch size (log x), one series per pattern, naive as a flat
/// line; runs at full speed only, each by its median round (<see cref="RunRounds"/>), and only those with no
/// <see cref="RunResult.Problem"/> in any round.
/// </summary>
internal static class ThroughputChart
{
    public const int Width = 900;

    public const int Height = 560;

    private static readonly Color[] PostgresColors = [Colors.SeaGreen, Colors.Purple, Colors.Teal, Colors.Brown];

    /// <summary>Draws the chart of <paramref name="runs"/> into <paramref name="path"/>.</summary>
    public static void Save(IReadOnlyList<RunResult> runs, string path)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var plot = new Plot();
        var all = RunRounds.Of(runs).Where(g => g.Problem is null).Select(g => g.Median).ToList();
        var measured = all.Where(r => r.Setup == StorageSetup.Sqlite).ToList();
        var sizes = measured.Where(r => r.BatchSize is not null).Select(r => (double)r.BatchSize!.Value).Distinct().Order().ToArray();
        var span = sizes.Length > 0 ? sizes : [1.0, 1000.0];

        foreach (var (pattern, color) in new[] { (LoadPattern.Ceiling, Colors.SteelBlue), (LoadPattern.Full, Colors.OrangeRed) })
        {
            var series = measured.Where(r => r.Pattern == pattern && r.BatchSize is not null).OrderBy(r => r.BatchSize).ToArray();
            if (series.Length == 0)
            {
                continue;
            }

            var scatter = plot.Add.Scatter(series.Select(r => Math.Log10(r.BatchSize!.Value)).ToArray(), series.Select(r => r.ReadingsPerSecond).ToArray(), color);
            scatter.LegendText = pattern == LoadPattern.Full ? "full pipeline (Upload)" : "transport ceiling (Sink.Discard)";
            scatter.LineWidth = 2;
            scatter.MarkerSize = 8;
        }

        var postgresRows = all.Where(r => r.Setup.Engine == StorageEngine.Postgres && r.BatchSize is not null).ToList();
        for (var i = 0; i < postgresRows.Count; i++)
        {
            var postgres = postgresRows[i];
            var point = plot.Add.Scatter(new[] { Math.Log10(postgres.BatchSize!.Value) }, new[] { postgres.ReadingsPerSecond }, PostgresColors[i % PostgresColors.Length]);
            point.LegendText = $"full pipeline on {postgres.Setup.Label}";
            point.MarkerSize = 10;
        }

        if (measured.FirstOrDefault(r => r.Pattern == LoadPattern.Naive) is { } naive)
        {
            var line = plot.Add.Line(Math.Log10(span[0]), naive.ReadingsPerSecond, Math.Log10(span[^1]), naive.ReadingsPerSecond);
            line.Color = Colors.Gray;
            line.LinePattern = LinePattern.Dashed;
            line.LineWidth = 2;
            line.LegendText = "naive (one Write per reading; batch size n/a)";
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. span.Select(size => new Tick(Math.Log10(size), size.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)))]);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = value => (value / 1_000_000).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + " M" };
        plot.Axes.SetLimitsX(Math.Log10(span[0]) - 0.2, Math.Log10(span[^1]) + 0.2);
        plot.Axes.SetLimitsY(0, Math.Max(1, all.Select(r => r.ReadingsPerSecond).DefaultIfEmpty(1).Max()) * 1.15);
        plot.Title("Acknowledged readings per second by batch size");
        plot.XLabel("readings per batch (log scale)");
        plot.YLabel("readings/s acknowledged");
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, Width, Height);
    }
}
