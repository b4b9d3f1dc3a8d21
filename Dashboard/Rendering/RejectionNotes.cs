using Ingest.Dashboard.Model;
using Spectre.Console;

namespace Ingest.Dashboard.Rendering;

/// <summary>
/// The lines under the sensor table that say why sensors' batches were rejected, which the table has no room for:
/// one per sensor with rejected batches — those of which nothing is stored first, then the most rejected — with the
/// count and the collector's latest reason in full. The live view shows at most <see cref="LiveLimit"/> of them
/// and counts the rest.
/// </summary>
internal static class RejectionNotes
{
    /// <summary>The most sensors the live view explains; <c>--once</c> explains every one.</summary>
    public const int LiveLimit = 3;

    /// <summary>The lines, as Spectre markup; none when no sensor has rejected batches.</summary>
    public static IReadOnlyList<string> Render(IReadOnlyList<SensorRow> rows, bool live)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var rejected = rows
            .Where(row => row.Latest.RejectedBatches > 0)
            .OrderByDescending(row => row.RejectedOnly)
            .ThenByDescending(row => row.Latest.RejectedBatches)
            .ThenBy(row => row.SensorId, StringComparer.Ordinal)
            .ToList();
        var lines = (live ? rejected.Take(LiveLimit) : rejected).Select(Line).ToList();
        if (rejected.Count > lines.Count)
        {
            lines.Add($"[red]… {rejected.Count - lines.Count} more sensors with rejected batches[/] (--once lists them all)");
        }

        return lines;
    }

    private static string Line(SensorRow row)
    {
        var latest = row.Latest;
        var batches = latest.RejectedBatches == 1 ? "1 batch" : $"{ValueFormat.Count(latest.RejectedBatches)} batches";
        var reason = latest.LastRejection.Length > 0 ? $", latest: {Markup.Escape(latest.LastRejection)}" : "";
        return $"[red]rejected[/] [bold]{Markup.Escape(row.SensorId)}[/]: {batches}{reason}";
    }
}
