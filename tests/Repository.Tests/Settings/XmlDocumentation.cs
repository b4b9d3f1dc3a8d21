using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Ingest.Repository.Tests.Settings;

/// <summary>
/// The XML documentation the program projects generate (copied next to the test binaries), read as markdown:
/// <c>&lt;c&gt;</c> and <c>&lt;see cref&gt;</c> become code spans, white space is collapsed, and characters a markdown
/// table cell cannot hold are escaped.
/// </summary>
internal static partial class XmlDocumentation
{
    private static readonly Dictionary<Assembly, IReadOnlyDictionary<string, XElement>> Members = [];
    private static readonly Lock Gate = new();

    /// <summary>The summary of <paramref name="type"/>, or null when it has none.</summary>
    public static string? Summary(Type type) => Summary(type.Assembly, "T:" + Name(type));

    /// <summary>The summary of <paramref name="property"/>, or null when it has none.</summary>
    public static string? Summary(PropertyInfo property) =>
        Summary(property.DeclaringType!.Assembly, $"P:{Name(property.DeclaringType!)}.{property.Name}");

    private static string? Summary(Assembly assembly, string memberId) =>
        MembersOf(assembly).TryGetValue(memberId, out var member) && member.Element("summary") is { } summary
            ? Markdown(summary)
            : null;

    private static string Name(Type type) => type.FullName!.Replace('+', '.');

    private static IReadOnlyDictionary<string, XElement> MembersOf(Assembly assembly)
    {
        lock (Gate)
        {
            if (!Members.TryGetValue(assembly, out var members))
            {
                var path = Path.ChangeExtension(assembly.Location, ".xml");
                if (!File.Exists(path))
                {
                    throw new FileNotFoundException(
                        $"{Path.GetFileName(path)} is missing next to the test binaries; the program projects generate their XML documentation (GenerateDocumentationFile) and the build copies it here.",
                        path);
                }

                members = XDocument.Load(path).Descendants("member")
                    .Where(member => member.Attribute("name") is not null)
                    .ToDictionary(member => member.Attribute("name")!.Value, StringComparer.Ordinal);
                Members.Add(assembly, members);
            }

            return members;
        }
    }

    private static string Markdown(XElement element)
    {
        var text = new StringBuilder();
        foreach (var node in element.Nodes())
        {
            text.Append(node switch
            {
                XText plain => EscapeText(plain.Value),
                XElement { Name.LocalName: "c" } code => Code(code.Value),
                XElement { Name.LocalName: "see" or "seealso" } see => Reference(see),
                XElement { Name.LocalName: "paramref" or "typeparamref" } parameter => Code(parameter.Attribute("name")?.Value ?? ""),
                XElement other => " " + Markdown(other) + " ",
                _ => "",
            });
        }

        return WhiteSpace().Replace(text.ToString(), " ").Trim();
    }

    private static string Reference(XElement see)
    {
        if (!string.IsNullOrWhiteSpace(see.Value))
        {
            return EscapeText(see.Value);
        }

        var target = see.Attribute("cref")?.Value ?? see.Attribute("langword")?.Value ?? "";
        var name = target[(target.IndexOf(':', StringComparison.Ordinal) + 1)..];
        return Code(name[(name.LastIndexOf('.') + 1)..]);
    }

    // A code span keeps < and > as they are; only the table's column separator needs escaping.
    private static string Code(string value) => "`" + value.Replace("|", "\\|", StringComparison.Ordinal) + "`";

    private static string EscapeText(string value) => value
        .Replace("|", "\\|", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal);

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
