using System.Globalization;
using Ingest.Protocol;

namespace Ingest.Dashboard.CommandLine;

/// <summary>
/// A point in time on the command line: <c>now</c>, relative to now (<c>-5m</c>, <c>-1h</c>, <c>+30s</c>), or
/// ISO 8601 (<c>2025-05-01T12:00:00Z</c>, <c>2025-05-01T14:00:00+02:00</c>; UTC when no offset is given).
/// </summary>
/// <param name="Absolute">The time given, or null when relative.</param>
/// <param name="Offset">The offset from now, when relative.</param>
internal sealed record TimeArgument(DateTimeOffset? Absolute, TimeSpan Offset)
{
    public const string Forms = "now, -5m, -1h (relative to now), or ISO 8601 such as 2025-05-01T12:00:00Z";

    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mmK",
        "yyyy-MM-dd",
    ];

    public static TimeArgument Now { get; } = new(null, TimeSpan.Zero);

    public DateTimeOffset Resolve(DateTimeOffset now) => Absolute ?? now + Offset;

    public static bool TryParse(string? text, out TimeArgument? time)
    {
        time = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (string.Equals(text, "now", StringComparison.OrdinalIgnoreCase))
        {
            time = Now;
            return true;
        }

        if (text[0] is '-' or '+')
        {
            if (!DurationText.TryParse(text[1..], out var offset))
            {
                return false;
            }

            time = new TimeArgument(null, text[0] == '-' ? -offset : offset);
            return true;
        }

        if (DateTimeOffset.TryParseExact(
                text, IsoFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var absolute))
        {
            time = new TimeArgument(absolute, TimeSpan.Zero);
            return true;
        }

        return false;
    }
}
