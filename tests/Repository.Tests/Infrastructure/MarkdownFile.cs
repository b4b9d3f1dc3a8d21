using System.Text;
using System.Text.RegularExpressions;

namespace Ingest.Repository.Tests.Infrastructure;

/// <summary>A markdown file of the repository: its prose (without fenced code), links and heading anchors.</summary>
internal sealed partial class MarkdownFile
{
    private MarkdownFile(string path, string text)
    {
        Path = path;
        Text = text.ReplaceLineEndings("\n");
        Prose = FencedCode().Replace(Text, match => new string('\n', match.Value.Count(c => c == '\n')));
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <summary>The whole text, with \n line ends.</summary>
    public string Text { get; }

    /// <summary>The text with fenced code blocks blanked out (line numbers kept).</summary>
    public string Prose { get; }

    /// <summary>README.md and every markdown file under docs/.</summary>
    public static IReadOnlyList<MarkdownFile> Documentation()
    {
        var docs = Directory.EnumerateFiles(RepositoryRoot.Combine("docs"), "*.md", SearchOption.AllDirectories);
        return [.. new[] { RepositoryRoot.Combine("README.md") }.Concat(docs.Order(StringComparer.Ordinal)).Select(Load)];
    }

    public static MarkdownFile Load(string path) => new(path, File.ReadAllText(path));

    /// <summary>The link targets of inline links, images and reference definitions, with their line numbers; code spans excluded.</summary>
    public IEnumerable<(int Line, string Target)> Links()
    {
        var lines = Prose.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = CodeSpan().Replace(lines[i], "");
            foreach (Match match in InlineLink().Matches(line))
            {
                yield return (i + 1, match.Groups["target"].Value);
            }

            if (ReferenceDefinition().Match(line) is { Success: true } definition)
            {
                yield return (i + 1, definition.Groups["target"].Value);
            }
        }
    }

    /// <summary>The anchors GitHub gives the file's headings: lower case, punctuation dropped, spaces as hyphens, -1, -2 … on repeats.</summary>
    public IReadOnlySet<string> Anchors()
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (Match heading in Heading().Matches(Prose))
        {
            var slug = Slug(heading.Groups["title"].Value);
            var count = seen.GetValueOrDefault(slug);
            seen[slug] = count + 1;
            anchors.Add(count == 0 ? slug : $"{slug}-{count}");
        }

        return anchors;
    }

    private static string Slug(string title)
    {
        var text = InlineLink().Replace(title, match => match.Groups["text"].Value).Trim().ToLowerInvariant();
        var slug = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_')
            {
                slug.Append(c);
            }
            else if (c == ' ')
            {
                slug.Append('-');
            }
        }

        return slug.ToString();
    }

    [GeneratedRegex(@"^ {0,3}(```|~~~).*?^ {0,3}\1[^\n]*$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedCode();

    [GeneratedRegex(@"`+[^`]*`+")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"!?\[(?<text>[^\]]*)\]\((?<target>[^)\s]+)(\s+""[^""]*"")?\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"^ {0,3}\[[^\]]+\]:\s*(?<target>\S+)")]
    private static partial Regex ReferenceDefinition();

    [GeneratedRegex(@"^#{1,6}[ \t]+(?<title>.+?)[ \t#]*$", RegexOptions.Multiline)]
    private static partial Regex Heading();
}
