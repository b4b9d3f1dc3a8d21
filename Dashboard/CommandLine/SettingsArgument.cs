namespace Ingest.Dashboard.CommandLine;

/// <summary>
/// Settings on the command line: <c>Key=Value</c> tokens for <c>config set</c>, bare names for <c>config unset</c>.
/// Only the syntax is checked here (an <c>=</c>, a key before it, no key twice, compared ignoring case); whether a
/// name or value is acceptable is the collector's to judge.
/// </summary>
internal static class SettingsArgument
{
    public const string Example = "SamplingInterval=50ms BatchSize=200 Enabled=false";

    /// <summary>The settings <paramref name="tokens"/> give, which the parser has checked already.</summary>
    public static IReadOnlyDictionary<string, string> Parse(IEnumerable<string> tokens) =>
        TryParse(tokens, out var settings, out var error) ? settings : throw new ArgumentException(error, nameof(tokens));

    /// <summary>The setting names <paramref name="tokens"/> give, which the parser has checked already.</summary>
    public static IReadOnlyList<string> ParseNames(IEnumerable<string> tokens) =>
        TryParseNames(tokens, out var names, out var error) ? names : throw new ArgumentException(error, nameof(tokens));

    /// <summary>The settings <paramref name="tokens"/> give, in order; false with an error naming the bad token.</summary>
    public static bool TryParse(IEnumerable<string> tokens, out IReadOnlyDictionary<string, string> settings, out string error)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var parsed = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var tokenOf = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        settings = parsed;
        error = "";
        foreach (var token in tokens)
        {
            var equals = token.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                error = $"'{token}' is not Key=Value: it has no '=' (e.g. {Example})";
                return false;
            }

            var key = token[..equals].Trim();
            if (key.Length == 0)
            {
                error = $"'{token}' is not Key=Value: the setting name before '=' is empty";
                return false;
            }

            if (!parsed.TryAdd(key, token[(equals + 1)..]))
            {
                error = $"'{token}' sets {key} again after '{tokenOf[key]}'; give each setting once";
                return false;
            }

            tokenOf[key] = token;
        }

        return true;
    }

    /// <summary>The setting names <paramref name="tokens"/> give, in order; false with an error naming the bad token.</summary>
    public static bool TryParseNames(IEnumerable<string> tokens, out IReadOnlyList<string> names, out string error)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var parsed = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        names = parsed;
        error = "";
        foreach (var token in tokens)
        {
            var name = token.Trim();
            if (name.Length == 0)
            {
                error = "'' is not a setting name";
                return false;
            }

            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                var example = equals > 0 ? name[..equals].Trim() : "BatchSize";
                error = $"'{token}' is not a setting name: config unset takes names only, e.g. {example}";
                return false;
            }

            if (!seen.Add(name))
            {
                error = $"'{token}' is named a second time; give each setting once";
                return false;
            }

            parsed.Add(name);
        }

        return true;
    }
}
