using ScottPlot;

namespace Ingest.LoadBenchmark.Fleet;

/// <summary>fleet.png: the collector's steady and peak RSS (MiB, left) and its CPU and the generator's (% of a core, right) against the fleet size.</summary>
internal static class FleetChart
{
    public const int Width = 900;

    public const int Height = 560;

    public static void Save(IReadOnlyList<FleetResult> results, string path)
    {
        ArgumentNullException.ThrowIfNull(results);
        var plot = new Plot();
        var rows = results.OrderBy(r => r.Sensors).ToArray();
        double[] xs = [.. rows.Select(r => (double)r.Sensors)];
        Add(plot, xs, [.. rows.Select(r => r.CollectorSteadyRssBytes / 1048576.0)], Colors.OrangeRed, "collector RSS steady (MiB)", right: false, LinePattern.Solid);
        Add(plot, xs, [.. rows.Select(r => r.CollectorPeakRssBytes / 1048576.0)], Colors.DarkRed, "collector RSS peak (MiB)", right: false, LinePattern.Dashed);
        Add(plot, xs, [.. rows.Select(r => r.CollectorCpuPercentOfCore)], Colors.SteelBlue, "collector CPU (% of a core, right)", right: true, LinePattern.Solid);
        Add(plot, xs, [.. rows.Select(r => r.GeneratorCpuPercentOfCore)], Colors.Gray, "generator CPU (% of a core, right)", right: true, LinePattern.Dashed);
        Add(plot, xs, [.. rows.Select(r => r.Sensors == 0 ? 0 : 100.0 * r.ConnectedAtEnd / r.Sensors)], Colors.SeaGreen, "connected at the end (% of the fleet, right)", right: true, LinePattern.Dotted);
        plot.Title("Fleet: every sensor on its own connection, 1 Hz, control stream open");
        plot.XLabel("sensors");
        plot.Axes.Left.Label.Text = "MiB";
        plot.Axes.Right.Label.Text = "% of a core / % connected";
        plot.Axes.SetLimitsY(0, Math.Max(1, rows.Select(r => r.CollectorPeakRssBytes / 1048576.0).DefaultIfEmpty(1).Max()) * 1.15, plot.Axes.Left);
        plot.Axes.SetLimitsY(0, Math.Max(100, rows.Select(r => Math.Max(r.CollectorCpuPercentOfCore, r.GeneratorCpuPercentOfCore)).DefaultIfEmpty(100).Max()) * 1.15, plot.Axes.Right);
        plot.Axes.SetLimitsX(0, Math.Max(1, xs.DefaultIfEmpty(1).Max()) * 1.08);
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, Width, Height);
    }

    private static void Add(Plot plot, double[] xs, double[] ys, Color color, string label, bool right, LinePattern pattern)
    {
        var scatter = plot.Add.Scatter(xs, ys, color);
        scatter.LegendText = label;
        scatter.LineWidth = 2;
        scatter.MarkerSize = 7;
        scatter.LinePattern = pattern;
        if (right)
        {
            scatter.Axes.YAxis = plot.Axes.Right;
        }
    }
}
