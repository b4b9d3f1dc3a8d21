using Ingest.Repository.Tests.Infrastructure;

namespace Ingest.Repository.Tests.Links;

public sealed class MarkdownLinkTests
{
    [Fact]
    public void RelativeLinks_InReadmeAndDocs_PointAtFilesAndHeadingsThatExist()
    {
        var broken = new List<string>();
        foreach (var file in MarkdownFile.Documentation())
        {
            foreach (var (line, target) in file.Links())
            {
                if (Problem(file, target) is { } problem)
                {
                    broken.Add($"{RepositoryRoot.Relative(file.Path)}:{line}: {target}: {problem}");
                }
            }
        }

        Assert.True(broken.Count == 0, "Broken links:\n" + string.Join("\n", broken));
    }

    [Fact]
    public void RelativeLinks_AreFound_SoThatTheCheckAboveCannotPassOnNothing()
    {
        var readme = MarkdownFile.Load(RepositoryRoot.Combine("README.md"));

        Assert.Contains(readme.Links(), link => link.Target.StartsWith("docs/settings.md", StringComparison.Ordinal));
    }

    private static string? Problem(MarkdownFile file, string target)
    {
        if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
        {
            return null;
        }

        var hash = target.IndexOf('#', StringComparison.Ordinal);
        var path = Uri.UnescapeDataString(hash < 0 ? target : target[..hash]);
        var anchor = hash < 0 ? null : target[(hash + 1)..];
        var resolved = path.Length == 0 ? file.Path : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file.Path)!, path));
        if (!File.Exists(resolved) && !Directory.Exists(resolved))
        {
            return "no such file or directory";
        }

        if (!resolved.StartsWith(RepositoryRoot.Path, StringComparison.Ordinal))
        {
            return "outside the repository";
        }

        if (anchor is null)
        {
            return null;
        }

        if (!resolved.EndsWith(".md", StringComparison.Ordinal))
        {
            return "an anchor into a file that is not markdown";
        }

        return MarkdownFile.Load(resolved).Anchors().Contains(anchor) ? null : $"no heading with the anchor #{anchor}";
    }
}
