using System.Globalization;

namespace Ingest.LoadBenchmark.Reporting;

/// <summary>A run's errors as the report lists them, e.g. <c>Unavailable ×2, duplicate batches ×3</c>.</summary>
internal static class ErrorText
{
    /// <summary>RPC errors by status, then duplicate, rejected and gap counts the collector reported; empty when there are none.</summary>
    public static IReadOnlyList<string> Parts(IReadOnlyDictionary<string, long> errors, long duplicates, long rejected, long gaps)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var parts = errors.Select(e => $"{e.Key} ×{N(e.Value)}").ToList();
        if (duplicates > 0)
        {
            parts.Add($"duplicate batches ×{N(duplicates)}");
        }

        if (rejected > 0)
        {
            parts.Add($"rejected batches ×{N(rejected)}");
        }

        if (gaps > 0)
        {
            parts.Add($"sequence gaps ×{N(gaps)}");
        }

        return parts;
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
