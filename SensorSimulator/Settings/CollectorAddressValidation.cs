using System.ComponentModel.DataAnnotations;

namespace Ingest.SensorSimulator.Settings;

/// <summary>
/// Checks the collector addresses of <see cref="SimulatorOptions"/>: each one an absolute http:// or https:// address,
/// none listed twice; every message names the setting (<c>Simulator:CollectorAddresses:1</c>) and what to write.
/// </summary>
internal static class CollectorAddressValidation
{
    private const string Single = SimulatorOptions.SectionName + ":" + nameof(SimulatorOptions.CollectorAddress);
    private const string List = SimulatorOptions.SectionName + ":" + nameof(SimulatorOptions.CollectorAddresses);

    /// <summary>The problems of <paramref name="addresses"/>, or of <paramref name="address"/> when the list is empty.</summary>
    public static IEnumerable<ValidationResult> Validate(string? address, IReadOnlyList<string?> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        if (addresses.Count == 0)
        {
            if (!IsHttpAddress(address, out _))
            {
                yield return Invalid(Single, address, nameof(SimulatorOptions.CollectorAddress));
            }

            yield break;
        }

        var seen = new Dictionary<Uri, int>();
        for (var i = 0; i < addresses.Count; i++)
        {
            if (!IsHttpAddress(addresses[i], out var uri))
            {
                yield return Invalid($"{List}:{i}", addresses[i], nameof(SimulatorOptions.CollectorAddresses));
            }
            else if (!seen.TryAdd(uri, i))
            {
                yield return new ValidationResult(
                    $"{List}:{i} ('{addresses[i]}') is the same collector as {List}:{seen[uri]}; list each collector once.",
                    [nameof(SimulatorOptions.CollectorAddresses)]);
            }
        }
    }

    /// <summary>Whether <paramref name="address"/> is an absolute http:// or https:// address.</summary>
    public static bool IsHttpAddress(string? address, out Uri uri)
    {
        if (Uri.TryCreate(address, UriKind.Absolute, out var parsed)
            && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps)
            && !string.IsNullOrEmpty(parsed.Host))
        {
            uri = parsed;
            return true;
        }

        uri = null!;
        return false;
    }

    private static ValidationResult Invalid(string key, string? value, string member) =>
        new($"{key} ('{value}') is not an absolute http:// or https:// address; write it like http://127.0.0.1:5000.", [member]);
}
