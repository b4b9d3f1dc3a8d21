using System.Text;

namespace Ingest.Repository.Tests.Infrastructure;

/// <summary>A short line diff for a failure message: the lines only one side has, marked - and +, with line numbers.</summary>
internal static class LineDiff
{
    public static string Describe(string actual, string expected, int maxLines = 40)
    {
        var a = actual.Split('\n');
        var b = expected.Split('\n');

        // Longest common subsequence, then walk it: a few hundred lines each, so the table is small.
        var common = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                common[i, j] = a[i] == b[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }

        var text = new StringBuilder();
        var shown = 0;
        int x = 0, y = 0;
        while ((x < a.Length || y < b.Length) && shown < maxLines)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                (x, y) = (x + 1, y + 1);
            }
            else if (y < b.Length && (x == a.Length || common[x, y + 1] >= common[x + 1, y]))
            {
                text.Append("+ ").Append(y + 1).Append(": ").Append(b[y++]).Append('\n');
                shown++;
            }
            else
            {
                text.Append("- ").Append(x + 1).Append(": ").Append(a[x++]).Append('\n');
                shown++;
            }
        }

        return shown == maxLines ? text.Append("…\n").ToString() : text.ToString();
    }
}
