using System.Text;
using Spectre.Console;

namespace Ingest.Dashboard.SensorConfig;

/// <summary>
/// A table of text cells: drawn with Spectre (and the cells' colours) on a terminal, or as plain columns padded
/// with spaces when standard output is a file or a pipe.
/// </summary>
internal sealed class TextTable
{
    private const string Gap = "  ";

    private readonly string[] _headers;
    private readonly List<(string[] Cells, Style?[] Styles)> _rows = [];

    public TextTable(params string[] headers)
    {
        _headers = headers;
    }

    public int RowCount => _rows.Count;

    /// <summary>Adds a row; <paramref name="styles"/> colours single cells on a terminal.</summary>
    public void AddRow(string[] cells, Style?[]? styles = null)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != _headers.Length)
        {
            throw new ArgumentException($"a row of {cells.Length} cells in a table of {_headers.Length} columns", nameof(cells));
        }

        _rows.Add((cells, styles ?? new Style?[cells.Length]));
    }

    /// <summary>The table on <see cref="CommandOutput.Terminal"/> when there is one, else as plain text.</summary>
    public void WriteTo(CommandOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (output.Terminal is { } terminal)
        {
            terminal.Write(ToSpectre());
        }
        else
        {
            output.Out.Write(ToPlainText());
        }
    }

    /// <summary>Headers and rows, each column as wide as its widest cell, separated by two spaces; no trailing spaces.</summary>
    public string ToPlainText()
    {
        var widths = _headers.Select((header, column) => _rows.Select(row => row.Cells[column].Length).Append(header.Length).Max()).ToArray();
        var text = new StringBuilder();
        foreach (var cells in _rows.Select(row => row.Cells).Prepend(_headers))
        {
            text.Append(string.Join(Gap, cells.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd()).Append('\n');
        }

        return text.ToString();
    }

    public Table ToSpectre()
    {
        var table = new Table { Border = TableBorder.Minimal, Expand = false };
        foreach (var header in _headers)
        {
            table.AddColumn(new TableColumn(new Text(header, new Style(decoration: Decoration.Bold))) { NoWrap = true });
        }

        foreach (var (cells, styles) in _rows)
        {
            table.AddRow(cells.Select((cell, column) => new Text(cell, styles[column] ?? Style.Plain)));
        }

        return table;
    }
}
