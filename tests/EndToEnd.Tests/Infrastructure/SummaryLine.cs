using System.Globalization;
using System.Text.RegularExpressions;

namespace Ingest.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The simulator's last line: <c>summary sensors=N sampled=N acked=N rejected=N dropped=N lost=N unacked=N retries=N recovered=N failovers=N</c>.
/// </summary>
internal sealed partial record SummaryLine(
    long Sensors, long Sampled, long Acked, long Rejected, long Dropped, long Lost, long Unacked, long Retries, long Recovered, long Failovers)
{
    /// <summary>Every sampled reading is exactly one of acked, rejected, dropped, lost or unacked.</summary>
    public bool Balances => Sampled == Acked + Rejected + Dropped + Lost + Unacked;

    public static SummaryLine Parse(string line)
    {
        var match = Pattern().Match(line);
        if (!match.Success)
        {
            throw new FormatException("Not a summary line: " + line);
        }

        long At(int group) => long.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);
        return new SummaryLine(At(1), At(2), At(3), At(4), At(5), At(6), At(7), At(8), At(9), At(10));
    }

    public static bool IsSummary(string line) => Pattern().IsMatch(line);

    [GeneratedRegex(@"^summary sensors=(\d+) sampled=(\d+) acked=(\d+) rejected=(\d+) dropped=(\d+) lost=(\d+) unacked=(\d+) retries=(\d+) recovered=(\d+) failovers=(\d+)$")]
    private static partial Regex Pattern();
}
