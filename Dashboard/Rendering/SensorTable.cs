using Ingest.Dashboard.Model;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Ingest.Dashboard.Rendering;

/// <summary>
/// The table of sensors: one row each, with the columns that fit the width. The Rejected column, batches of the
/// sensor the collector rejected, is there only while some sensor has them.
/// </summary>
internal static class SensorTable
{
    private static readonly Dictionary<SensorColumn, string> Headers = new()
    {
        [SensorColumn.Id] = "Sensor",
        [SensorColumn.Kind] = "Kind",
        [SensorColumn.Status] = "Status",
        [SensorColumn.Rejected] = "Rejected",
        [SensorColumn.Last] = "Last",
        [SensorColumn.Min] = "Min",
        [SensorColumn.Mean] = "Mean",
        [SensorColumn.Max] = "Max",
        [SensorColumn.Rate] = "Rate/s",
        [SensorColumn.Trend] = "Trend",
        [SensorColumn.Config] = "Config",
    };

    private static readonly SensorColumn[] Numeric =
        [SensorColumn.Rejected, SensorColumn.Last, SensorColumn.Min, SensorColumn.Mean, SensorColumn.Max, SensorColumn.Rate, SensorColumn.Config];

    public static Table Render(IReadOnlyList<SensorRow> rows, bool lastKnown, int width)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var cells = rows.Select(Cells).ToArray();
        var contentWidths = Enum.GetValues<SensorColumn>().ToDictionary(
            column => column,
            column => cells.Select(row => row[column].Length).Append(Headers[column].Length).Max());

        // The trend column is laid out for a full history, so that the layout does not shift as it fills.
        contentWidths[SensorColumn.Trend] = rows.Select(row => row.History.Capacity).Append(Headers[SensorColumn.Trend].Length).Max();
        if (!rows.Any(row => row.Latest.RejectedBatches > 0))
        {
            contentWidths.Remove(SensorColumn.Rejected);
        }

        var layout = ColumnLayout.Choose(contentWidths, width);
        var trendWidth = layout.FirstOrDefault(entry => entry.Column == SensorColumn.Trend).Width;

        var table = new Table { Border = TableBorder.Minimal, Expand = false };
        foreach (var (column, columnWidth) in layout)
        {
            table.AddColumn(new TableColumn(new Text(Headers[column], new Style(decoration: Decoration.Bold)))
            {
                NoWrap = true,
                Width = columnWidth,
                Alignment = Numeric.Contains(column) ? Justify.Right : Justify.Left,
            });
        }

        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var latest = row.Latest;
            var rowStyle = StatusMarker.RowStyle(row.Status, lastKnown, latest.Paused, row.RejectedOnly);
            table.AddRow(layout.Select(entry => (IRenderable)new Text(
                entry.Column == SensorColumn.Trend ? Sparkline.Render(row.History.Means, trendWidth) : cells[i][entry.Column],
                entry.Column switch
                {
                    SensorColumn.Status => StatusMarker.StatusStyle(row.Status, lastKnown, latest.Paused, row.RejectedOnly),
                    SensorColumn.Rejected when latest.RejectedBatches > 0 && !lastKnown => new Style(Color.Red, decoration: Decoration.Bold),
                    SensorColumn.Config =>
                        ConfigMarker.Style(latest.DesiredConfigVersion, latest.ReportedConfigVersion, latest.ConfigState, lastKnown) ?? rowStyle,
                    _ => rowStyle,
                })
            {
                Overflow = Overflow.Ellipsis,
            }));
        }

        return table;
    }

    /// <summary>The text of every column of <paramref name="row"/>.</summary>
    public static IReadOnlyDictionary<SensorColumn, string> Cells(SensorRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var latest = row.Latest;
        var hasReadings = latest.Count > 0;
        return new Dictionary<SensorColumn, string>
        {
            [SensorColumn.Id] = row.SensorId,
            [SensorColumn.Kind] = row.Kind,
            [SensorColumn.Status] = StatusMarker.Text(row.Status, latest.Paused, row.RejectedOnly),
            [SensorColumn.Rejected] = ValueFormat.Count(latest.RejectedBatches),
            [SensorColumn.Last] = hasReadings ? ValueFormat.Value(latest.Last) : "-",
            [SensorColumn.Min] = hasReadings ? ValueFormat.Value(latest.Min) : "-",
            [SensorColumn.Mean] = hasReadings ? ValueFormat.Value(latest.Mean) : "-",
            [SensorColumn.Max] = hasReadings ? ValueFormat.Value(latest.Max) : "-",
            // A paused sensor samples nothing: its rate is 0 from the moment it says so, not its last window's.
            [SensorColumn.Rate] = latest.Paused ? ValueFormat.Rate(0) : hasReadings ? ValueFormat.Rate(latest.ReadingsPerSecond) : "-",
            [SensorColumn.Trend] = Sparkline.Render(row.History.Means, row.History.Capacity),
            [SensorColumn.Config] = ConfigMarker.Text(latest.DesiredConfigVersion, latest.ReportedConfigVersion, latest.ConfigState),
        };
    }
}
