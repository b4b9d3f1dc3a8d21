using System.Text.RegularExpressions;
using Ingest.Repository.Tests.Infrastructure;

namespace Ingest.Repository.Tests.Architecture;

/// <summary>
/// One program's layers as docs/architecture.md draws them: under the heading "Who may depend on whom", a
/// "### Ingest.X" heading per assembly and a table whose rows are a layer number and the namespaces in it
/// (in code spans). A namespace may use only namespaces of lower layers.
/// </summary>
internal sealed partial class LayerTable
{
    public const string Document = "docs/architecture.md";

    private LayerTable(IReadOnlyList<(int Layer, string Namespace, int Line)> rows) => Rows = rows;

    /// <summary>Every namespace listed, with its layer and the document line it is on (a namespace may be listed twice by mistake).</summary>
    public IReadOnlyList<(int Layer, string Namespace, int Line)> Rows { get; }

    public int? LayerOf(string ns)
    {
        foreach (var row in Rows)
        {
            if (row.Namespace == ns)
            {
                return row.Layer;
            }
        }

        return null;
    }

    /// <summary>The tables of docs/architecture.md by assembly name.</summary>
    public static IReadOnlyDictionary<string, LayerTable> Read() => Parse(File.ReadAllText(RepositoryRoot.Combine(Document)));

    public static IReadOnlyDictionary<string, LayerTable> Parse(string markdown)
    {
        var tables = new Dictionary<string, List<(int, string, int)>>(StringComparer.Ordinal);
        var inSection = false;
        List<(int, string, int)>? current = null;
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                inSection = line[3..].Trim() == "Who may depend on whom";
                current = null;
            }
            else if (inSection && AssemblyHeading().Match(line) is { Success: true } heading)
            {
                current = [];
                tables.Add(heading.Groups["assembly"].Value, current);
            }
            else if (current is not null && LayerRow().Match(line) is { Success: true } row)
            {
                var layer = int.Parse(row.Groups["layer"].Value, System.Globalization.CultureInfo.InvariantCulture);
                foreach (Match name in CodeSpan().Matches(row.Groups["namespaces"].Value))
                {
                    current.Add((layer, name.Groups["name"].Value, i + 1));
                }
            }
        }

        return tables.ToDictionary(table => table.Key, table => new LayerTable(table.Value), StringComparer.Ordinal);
    }

    [GeneratedRegex(@"^### +(?<assembly>Ingest\.[A-Za-z.]+)\s*$")]
    private static partial Regex AssemblyHeading();

    [GeneratedRegex(@"^\|\s*(?<layer>\d+)\s*\|(?<namespaces>[^|]*)\|")]
    private static partial Regex LayerRow();

    [GeneratedRegex(@"`(?<name>[^`]+)`")]
    private static partial Regex CodeSpan();
}
