using System.Text;

namespace Ingest.Dashboard.Grpc;

/// <summary>Who the dashboard says it is when it greets the collector.</summary>
internal static class DashboardIdentity
{
    /// <summary>The kind the dashboard greets with.</summary>
    public const string Kind = "dashboard";

    /// <summary>The longest sensor id the collector accepts.</summary>
    public const int MaxIdLength = 128;

    private const string Prefix = "dashboard-";

    /// <summary>The dashboard's software version.</summary>
    public static string ClientVersion { get; } =
        typeof(DashboardIdentity).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>
    /// <c>dashboard-{machine}</c>, with every character of <paramref name="machineName"/> outside
    /// <c>[A-Za-z0-9._:-]</c> replaced by <c>-</c>, at most <see cref="MaxIdLength"/> characters.
    /// </summary>
    public static string SensorIdFor(string machineName)
    {
        var builder = new StringBuilder(Prefix);
        foreach (var c in machineName)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-' ? c : '-');
        }

        if (builder.Length == Prefix.Length)
        {
            builder.Append("unknown");
        }

        return builder.Length > MaxIdLength ? builder.ToString(0, MaxIdLength) : builder.ToString();
    }
}
