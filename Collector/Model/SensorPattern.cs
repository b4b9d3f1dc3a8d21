namespace Ingest.Collector.Model;

/// <summary>Matches sensor ids against a pattern in which <c>*</c> stands for any run of characters, even none.</summary>
internal static class SensorPattern
{
    public const char Wildcard = '*';

    public static bool Matches(string pattern, string sensorId)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(sensorId);
        int p = 0, s = 0, star = -1, resume = 0;
        while (s < sensorId.Length)
        {
            if (p < pattern.Length && pattern[p] == Wildcard)
            {
                star = p++;
                resume = s;
            }
            else if (p < pattern.Length && pattern[p] == sensorId[s])
            {
                p++;
                s++;
            }
            else if (star >= 0)
            {
                // Let the last wildcard swallow one more character and try again from there.
                p = star + 1;
                s = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == Wildcard)
        {
            p++;
        }

        return p == pattern.Length;
    }
}
