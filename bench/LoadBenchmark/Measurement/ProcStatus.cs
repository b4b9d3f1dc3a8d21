using System.Globalization;

namespace Ingest.LoadBenchmark.Measurement;

/// <summary>Reads a process's memory from <c>/proc/&lt;pid&gt;/status</c>.</summary>
internal static class ProcStatus
{
    /// <summary>The peak resident set size field.</summary>
    public const string PeakResident = "VmHWM";

    /// <summary>The current resident set size field.</summary>
    public const string Resident = "VmRSS";

    /// <summary>A size field (e.g. <c>VmHWM:   123456 kB</c>) in bytes, from the content of a status file; null when absent.</summary>
    public static long? ParseBytes(string status, string field)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(field);
        foreach (var line in status.Split('\n'))
        {
            if (!line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                continue;
            }

            var parts = line[(field.Length + 1)..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                throw new FormatException($"/proc status field {field} has no number: '{line}'");
            }

            var unit = parts.Length > 1 ? parts[1] : "";
            return unit switch
            {
                "kB" => value * 1024,
                "" => value,
                _ => throw new FormatException($"/proc status field {field} is in '{unit}', not kB"),
            };
        }

        return null;
    }

    /// <summary>The content of process <paramref name="pid"/>'s status file.</summary>
    public static string Read(int pid) => File.ReadAllText($"/proc/{pid}/status");
}
