using System.Globalization;

namespace Ingest.LoadBenchmark.Fleet;

/// <summary>
/// What a fleet worker process runs, from its command line (<c>fleet-worker --address … --key … --first N --count N
/// --connect-rate R --result path [--certificate-sha256 hex]</c>), which only the fleet run writes.
/// </summary>
internal sealed record FleetWorkerSettings(string Address, string ApiKey, int First, int Count, double ConnectPerSecond, string ResultPath, string? CertificateSha256)
{
    /// <summary>The first argument that makes the benchmark program a fleet worker.</summary>
    public const string Verb = "fleet-worker";

    /// <summary>The sensor id of the fleet's sensor <paramref name="index"/>.</summary>
    public static string SensorId(int index) => $"fleet-{index:D5}";

    public IReadOnlyList<string> ToArguments() =>
    [
        Verb, "--address", Address, "--key", ApiKey, "--first", N(First), "--count", N(Count),
        "--connect-rate", ConnectPerSecond.ToString(CultureInfo.InvariantCulture), "--result", ResultPath,
        .. CertificateSha256 is null ? Array.Empty<string>() : ["--certificate-sha256", CertificateSha256],
    ];

    /// <summary>Parses what <see cref="ToArguments"/> wrote; throws <see cref="FormatException"/> on anything else.</summary>
    public static FleetWorkerSettings Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count == 0 || args[0] != Verb || args.Count % 2 == 0)
        {
            throw new FormatException($"a fleet worker's arguments start with {Verb} and come in pairs");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Count; i += 2)
        {
            values[args[i]] = args[i + 1];
        }

        string Value(string name) => values.TryGetValue(name, out var value) ? value : throw new FormatException($"a fleet worker needs {name}");
        return new FleetWorkerSettings(
            Value("--address"),
            Value("--key"),
            int.Parse(Value("--first"), CultureInfo.InvariantCulture),
            int.Parse(Value("--count"), CultureInfo.InvariantCulture),
            double.Parse(Value("--connect-rate"), CultureInfo.InvariantCulture),
            Value("--result"),
            values.GetValueOrDefault("--certificate-sha256"));
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
