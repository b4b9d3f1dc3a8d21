namespace Ingest.Dashboard.Model;

/// <summary>
/// Which sensors to show: ids matching any of <see cref="SensorPatterns"/> (<c>*</c> matches any run of
/// characters) and kinds among <see cref="Kinds"/>; an empty list matches everything. The collector filters
/// the same way; the dashboard applies it again to what it shows.
/// </summary>
internal sealed class SensorFilter
{
    public SensorFilter(IReadOnlyList<string> sensorPatterns, IReadOnlyList<string> kinds)
    {
        SensorPatterns = sensorPatterns;
        Kinds = kinds;
    }

    public static SensorFilter All { get; } = new([], []);

    public IReadOnlyList<string> SensorPatterns { get; }

    public IReadOnlyList<string> Kinds { get; }

    public bool Matches(SensorRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return Matches(row.SensorId, row.Kind);
    }

    public bool Matches(string sensorId, string kind) =>
        (Kinds.Count == 0 || Kinds.Contains(kind, StringComparer.Ordinal)) &&
        (SensorPatterns.Count == 0 || SensorPatterns.Any(pattern => WildcardMatches(pattern, sensorId)));

    /// <summary>Whether <paramref name="value"/> matches <paramref name="pattern"/>, where <c>*</c> matches any run.</summary>
    public static bool WildcardMatches(string pattern, string value)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(value);
        var parts = pattern.Split('*');
        if (parts.Length == 1)
        {
            return string.Equals(pattern, value, StringComparison.Ordinal);
        }

        if (!value.StartsWith(parts[0], StringComparison.Ordinal) || !value.EndsWith(parts[^1], StringComparison.Ordinal) ||
            value.Length < parts[0].Length + parts[^1].Length)
        {
            return false;
        }

        var position = parts[0].Length;
        var end = value.Length - parts[^1].Length;
        for (var i = 1; i < parts.Length - 1; i++)
        {
            var found = value.IndexOf(parts[i], position, end - position, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            position = found + parts[i].Length;
        }

        return true;
    }
}
