using System.Collections.Immutable;
using Ingest.Collector.DesiredState;
using Ingest.Collector.SensorConfig;

namespace Ingest.Collector.Tests.SensorConfig;

public sealed class ConfigHashTests
{
    [Fact]
    public void Of_SameContent_IsTheSameSixteenLowercaseHexDigits()
    {
        var first = ConfigHash.Of(SensorConfigValues.BuiltIn);
        var second = ConfigHash.Of(SensorConfigValues.BuiltIn with { });

        Assert.Equal(first, second);
        Assert.Matches("^[0-9a-f]{16}$", first);
    }

    [Fact]
    public void Of_TheBuiltInDefaults_IsTheFirstEightBytesOfSha256OverTheWireEncoding()
    {
        var encoded = Google.Protobuf.MessageExtensions.ToByteArray(SensorConfigValues.BuiltIn.ToWire());
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(encoded)[..8]);

        Assert.Equal(expected, ConfigHash.Of(SensorConfigValues.BuiltIn));
    }

    [Fact]
    public void Of_AnySettingChanged_Differs()
    {
        var hashes = new[]
        {
            SensorConfigValues.BuiltIn,
            SensorConfigValues.BuiltIn with { SamplingInterval = TimeSpan.FromMilliseconds(11) },
            SensorConfigValues.BuiltIn with { BatchSize = 101 },
            SensorConfigValues.BuiltIn with { BatchMaxAge = TimeSpan.FromSeconds(2) },
            SensorConfigValues.BuiltIn with { UploadWindowBatches = 51 },
            SensorConfigValues.BuiltIn with { UploadWindowDuration = TimeSpan.FromSeconds(6) },
            SensorConfigValues.BuiltIn with { Enabled = false },
            SensorConfigValues.BuiltIn with { StatusInterval = TimeSpan.FromSeconds(6) },
        }.Select(ConfigHash.Of);

        Assert.Equal(8, hashes.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Of_ResolvedFromOverrideMapsInAnotherOrder_IsTheSame()
    {
        (string, string)[] settings = [("BatchSize", "7"), ("SamplingInterval", "1s"), ("Enabled", "false"), ("StatusInterval", "3s")];
        var forward = Resolve(settings);
        var backward = Resolve([.. settings.Reverse()]);

        Assert.Equal(ConfigHash.Of(forward), ConfigHash.Of(backward));
    }

    private static SensorConfigValues Resolve((string Name, string Value)[] settings)
    {
        // An ordinary dictionary keeps insertion order, so the two maps differ only in order.
        var map = new Dictionary<string, string>();
        foreach (var (name, value) in settings)
        {
            map[name] = value;
        }

        var overrides = OverrideSet.From([new SettingsOverride(OverrideScope.All, map.ToImmutableSortedDictionary(StringComparer.Ordinal), DateTimeOffset.UnixEpoch)]);
        return ConfigResolver.Resolve("s", "k", overrides, new ControlOptions { Kinds = new() { ["k"] = map } }, 10_000);
    }
}
