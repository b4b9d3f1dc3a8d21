using System.Globalization;
using Ingest.LoadBenchmark.Load;

namespace Ingest.LoadBenchmark.CommandLine;

/// <summary>The comma-separated lists of the command line: batch sizes, patterns, storage engines and collector counts.</summary>
internal static class ListArguments
{
    /// <summary>The most readings a batch may carry (the collector's default <c>MaxReadingsPerBatch</c>).</summary>
    public const int MaxBatchSize = 10_000;

    /// <summary>The most collectors a PostgreSQL row may start.</summary>
    public const int MaxCollectors = 8;

    /// <summary>Parses e.g. <c>10,100,1000</c>: distinct sizes from 1 to <see cref="MaxBatchSize"/>, ascending; null and an error otherwise.</summary>
    public static IReadOnlyList<int>? ParseBatchSizes(string text, out string? error) =>
        ParseNumbers(text, "--batch-sizes", MaxBatchSize, "10,100,1000", out error);

    /// <summary>The largest fleet size.</summary>
    public const int MaxFleetSize = 100_000;

    /// <summary>Parses e.g. <c>1000,5000,15000</c>: distinct fleet sizes from 1 to <see cref="MaxFleetSize"/>, ascending; null and an error otherwise.</summary>
    public static IReadOnlyList<int>? ParseFleetSizes(string text, out string? error) =>
        ParseNumbers(text, "--fleet", MaxFleetSize, "1000,5000,15000", out error);

    /// <summary>Parses e.g. <c>1,2</c>: distinct collector counts from 1 to <see cref="MaxCollectors"/>, ascending; null and an error otherwise.</summary>
    public static IReadOnlyList<int>? ParseCollectorCounts(string text, out string? error) =>
        ParseNumbers(text, "--collectors", MaxCollectors, "1,2", out error);

    /// <summary>Parses e.g. <c>naive,full</c> (any order, any case) into patterns in report order; null and an error otherwise.</summary>
    public static IReadOnlyList<LoadPattern>? ParsePatterns(string text, out string? error) =>
        ParseNames<LoadPattern>(text, "--patterns", "naive, ceiling, full", out error);

    /// <summary>Parses e.g. <c>sqlite,postgres</c> (any order, any case) into engines in report order; null and an error otherwise.</summary>
    public static IReadOnlyList<StorageEngine>? ParseEngines(string text, out string? error) =>
        ParseNames<StorageEngine>(text, "--engines", "sqlite, postgres", out error);

    private static List<int>? ParseNumbers(string text, string option, int max, string example, out string? error)
    {
        var numbers = new SortedSet<int>();
        foreach (var part in Split(text))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1 || number > max)
            {
                error = $"{option}: '{part}' is not a whole number from 1 to {max}; write e.g. {example}";
                return null;
            }

            numbers.Add(number);
        }

        return NotEmpty(numbers, option, example, out error);
    }

    private static List<T>? ParseNames<T>(string text, string option, string names, out string? error)
        where T : struct, Enum
    {
        var values = new SortedSet<T>();
        foreach (var part in Split(text))
        {
            if (!Enum.TryParse<T>(part, ignoreCase: true, out var value) || !Enum.IsDefined(value) || part.All(char.IsDigit))
            {
                error = $"{option}: '{part}' is not one of {names}";
                return null;
            }

            values.Add(value);
        }

        return NotEmpty(values, option, names.Replace(" ", "", StringComparison.Ordinal), out error);
    }

    private static List<T>? NotEmpty<T>(SortedSet<T> values, string option, string example, out string? error)
    {
        error = values.Count == 0 ? $"{option} is empty; write e.g. {example}" : null;
        return values.Count == 0 ? null : [.. values];
    }

    private static string[] Split(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
