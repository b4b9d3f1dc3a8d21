using System.Globalization;
using Ingest.LoadBenchmark.Load;

namespace Ingest.LoadBenchmark.CommandLine;

/// <summary>The comma-separated lists of the command line: batch sizes and patterns.</summary>
internal static class ListArguments
{
    /// <summary>The most readings a batch may carry (the collector's default <c>MaxReadingsPerBatch</c>).</summary>
    public const int MaxBatchSize = 10_000;

    /// <summary>Parses e.g. <c>10,100,1000</c>: distinct sizes from 1 to <see cref="MaxBatchSize"/>, ascending; null and an error otherwise.</summary>
    public static IReadOnlyList<int>? ParseBatchSizes(string text, out string? error)
    {
        var sizes = new SortedSet<int>();
        foreach (var part in Split(text))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size is < 1 or > MaxBatchSize)
            {
                error = $"--batch-sizes: '{part}' is not a whole number from 1 to {MaxBatchSize}; write e.g. 10,100,1000";
                return null;
            }

            sizes.Add(size);
        }

        if (sizes.Count == 0)
        {
            error = "--batch-sizes is empty; write e.g. 10,100,1000";
            return null;
        }

        error = null;
        return [.. sizes];
    }

    /// <summary>Parses e.g. <c>naive,full</c> (any order, any case) into patterns in report order; null and an error otherwise.</summary>
    public static IReadOnlyList<LoadPattern>? ParsePatterns(string text, out string? error)
    {
        var patterns = new SortedSet<LoadPattern>();
        foreach (var part in Split(text))
        {
            if (!Enum.TryParse<LoadPattern>(part, ignoreCase: true, out var pattern) || !Enum.IsDefined(pattern) || part.All(char.IsDigit))
            {
                error = $"--patterns: '{part}' is not one of naive, ceiling, full";
                return null;
            }

            patterns.Add(pattern);
        }

        if (patterns.Count == 0)
        {
            error = "--patterns is empty; write e.g. naive,ceiling,full";
            return null;
        }

        error = null;
        return [.. patterns];
    }

    private static string[] Split(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
