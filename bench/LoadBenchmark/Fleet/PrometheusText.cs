using System.Globalization;

namespace Ingest.LoadBenchmark.Fleet;

/// <summary>A collector's Prometheus endpoint as the fleet run reads it: the text exposition, and sums of a metric's samples in it.</summary>
internal static class PrometheusText
{
    /// <summary>Scrapes <paramref name="address"/> (e.g. http://127.0.0.1:9464/metrics); null when it does not answer.</summary>
    public static async Task<string?> TryScrapeAsync(HttpClient http, string address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        try
        {
            return await http.GetStringAsync(new Uri(address), cancellationToken);
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // An overloaded collector did not answer within the client's timeout: the figures are missing, the run goes on.
            return null;
        }
    }

    /// <summary>The sum of the samples of <paramref name="metric"/> (every label set, or those whose labels contain <paramref name="label"/>); null when there is none.</summary>
    public static double? Sum(string text, string metric, string? label = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        double? sum = null;
        foreach (var (labels, value) in Samples(text, metric))
        {
            if (label is null || labels.Contains(label, StringComparison.Ordinal))
            {
                sum = (sum ?? 0) + value;
            }
        }

        return sum;
    }

    /// <summary>The samples of <paramref name="metric"/> summed by the value of their label <paramref name="labelName"/> (samples without it are left out).</summary>
    public static SortedDictionary<string, long> SumBy(string text, string metric, string labelName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sums = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var key = labelName + "=\"";
        foreach (var (labels, value) in Samples(text, metric))
        {
            var start = labels.IndexOf(key, StringComparison.Ordinal);
            if (start >= 0 && (start == 0 || labels[start - 1] is ',' or '{'))
            {
                start += key.Length;
                var end = labels.IndexOf('"', start);
                var name = end < 0 ? labels[start..] : labels[start..end];
                sums[name] = sums.GetValueOrDefault(name) + (long)value;
            }
        }

        return sums;
    }

    /// <summary>The samples of <paramref name="metric"/> exactly (not a metric whose name merely starts with it): their label text (<c>{…}</c>, or empty) and value.</summary>
    private static IEnumerable<(string Labels, double Value)> Samples(string text, string metric)
    {
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(metric, StringComparison.Ordinal) || line.Length == metric.Length || (line[metric.Length] != ' ' && line[metric.Length] != '{'))
            {
                continue;
            }

            var braceEnd = line.IndexOf('}', StringComparison.Ordinal);
            var labels = braceEnd < 0 ? "" : line[metric.Length..(braceEnd + 1)];
            var rest = line[(braceEnd < 0 ? metric.Length : braceEnd + 1)..].Trim().Split(' ');
            if (double.TryParse(rest[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                yield return (labels, value);
            }
        }
    }
}
