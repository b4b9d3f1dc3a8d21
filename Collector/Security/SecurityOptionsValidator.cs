using Microsoft.Extensions.Options;

namespace Ingest.Collector.Security;

/// <summary>
/// Refuses to start (or to reload) with keys that would leave the collector open or ambiguous: none at all,
/// an empty key, an unknown role, a sensor key bound to nothing, two entries with one key, or a demo key
/// outside the Development environment. Messages name the entry, never the key.
/// </summary>
internal sealed class SecurityOptionsValidator(IHostEnvironment environment) : IValidateOptions<SecurityOptions>
{
    public const string DemoPrefix = "demo-";

    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Keys is not { Count: > 0 } entries)
        {
            return ValidateOptionsResult.Fail(
                $"{SecurityOptions.SectionName}:Keys is empty: the collector needs at least one key to admit callers; configure keys as described in README \"Security\"");
        }

        var failures = new List<string>();
        CheckDefined(nameof(SecurityOptions.Health), options.Health, failures);
        CheckDefined(nameof(SecurityOptions.Reflection), options.Reflection, failures);
        CheckDefined(nameof(SecurityOptions.Metrics), options.Metrics, failures);
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (keyName, entry) in entries)
        {
            var path = $"{SecurityOptions.SectionName}:Keys:{keyName}";
            if (entry is null || string.IsNullOrWhiteSpace(entry.Key))
            {
                failures.Add($"{path}:Key is empty; set a long random key (e.g. openssl rand -hex 32)");
                continue;
            }

            if (!string.Equals(entry.Key, entry.Key.Trim(), StringComparison.Ordinal))
            {
                failures.Add($"{path}:Key starts or ends with white space, which no header can carry; remove it");
            }

            if (owners.TryGetValue(entry.Key, out var other))
            {
                failures.Add($"{path}:Key is the same key as {SecurityOptions.SectionName}:Keys:{other}; every entry needs a key of its own");
            }
            else
            {
                owners[entry.Key] = keyName;
            }

            if (!Enum.GetNames<CallerRole>().Contains(entry.Role, StringComparer.OrdinalIgnoreCase))
            {
                failures.Add($"{path}:Role is '{entry.Role}'; it must be one of {string.Join(", ", Enum.GetNames<CallerRole>())}");
            }
            else if (string.Equals(entry.Role, nameof(CallerRole.Sensor), StringComparison.OrdinalIgnoreCase))
            {
                CheckSensors(path, entry.Sensors, failures);
            }

            if (entry.Key.StartsWith(DemoPrefix, StringComparison.Ordinal) && !environment.IsDevelopment())
            {
                failures.Add(
                    $"{path}:Key is a demo key (it starts with '{DemoPrefix}', and demo keys are published); the collector refuses demo keys outside the Development environment (this is {environment.EnvironmentName}). Set keys of your own as described in README \"Security\"");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>A number such as "2" binds to an enum value that is no name: refuse it rather than guess what it means.</summary>
    private static void CheckDefined(string setting, AccessMode mode, List<string> failures)
    {
        if (!Enum.IsDefined(mode))
        {
            failures.Add($"{SecurityOptions.SectionName}:{setting} is {(int)mode}; it must be one of {string.Join(", ", Enum.GetNames<AccessMode>())}");
        }
    }

    private static void CheckSensors(string path, List<string>? sensors, List<string> failures)
    {
        if (sensors is not { Count: > 0 })
        {
            failures.Add($"{path}:Sensors is empty; a sensor key must be bound to sensor ids (an exact id, a prefix ending in '*', or '*' for any)");
            return;
        }

        for (var i = 0; i < sensors.Count; i++)
        {
            var pattern = sensors[i];
            var star = string.IsNullOrEmpty(pattern) ? -1 : pattern.IndexOf('*', StringComparison.Ordinal);
            if (string.IsNullOrWhiteSpace(pattern) || (star >= 0 && star != pattern.Length - 1))
            {
                failures.Add($"{path}:Sensors:{i} is '{pattern}'; a pattern is an exact sensor id, a prefix ending in '*', or '*' for any");
            }
        }
    }
}
