using System.Globalization;
using System.Text.RegularExpressions;

namespace Ingest.EndToEnd.Tests.Infrastructure;

/// <summary>The simulator's last line: <c>summary sensors=N sampled=N acked=N dropped=N unacked=N retries=N</c>.</summary>
internal sealed partial record SummaryLine(long Sensors, long Sampled, long Acked, long Dropped, long Unacked, long Retries)
{
    public static SummaryLine Parse(string line)
    {
        var match = Pattern().Match(line);
        if (!match.Success)
        {
            throw new FormatException("Not a summary line: " + line);
        }

        long At(int group) => long.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);
        return new SummaryLine(At(1), At(2), At(3), At(4), At(5), At(6));
    }

    public static bool IsSummary(string line) => Pattern().IsMatch(line);

    [GeneratedRegex(@"^summary sensors=(\d+) sampled=(\d+) acked=(\d+) dropped=(\d+) unacked=(\d+) retries=(\d+)$")]
    private static partial Regex Pattern();
}
