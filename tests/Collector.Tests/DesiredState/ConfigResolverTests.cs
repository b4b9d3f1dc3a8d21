using System.Collections.Immutable;
using Ingest.Collector.DesiredState;
using Ingest.Collector.SensorConfig;

namespace Ingest.Collector.Tests.DesiredState;

public sealed class ConfigResolverTests
{
    private static readonly ControlOptions Settings = new()
    {
        Defaults = new SensorConfigDefaults { BatchSize = 100, SamplingInterval = TimeSpan.FromMilliseconds(10) },
        Kinds = new() { ["vibration"] = new() { ["SamplingInterval"] = "20ms", ["batchsize"] = "200" } },
    };

    [Fact]
    public void Resolve_NothingSet_GivesTheDefaults() =>
        Assert.Equal(Settings.Defaults.ToValues(), ConfigResolver.Resolve("s", "temperature", OverrideSet.Empty, Settings, 10_000));

    [Fact]
    public void Resolve_KindSettings_ReplaceTheDefaultsForThatKindOnly()
    {
        var vibration = ConfigResolver.Resolve("s", "vibration", OverrideSet.Empty, Settings, 10_000);

        Assert.Equal((TimeSpan.FromMilliseconds(20), 200), (vibration.SamplingInterval, vibration.BatchSize));
        Assert.Equal(100, ConfigResolver.Resolve("s", "", OverrideSet.Empty, Settings, 10_000).BatchSize);
    }

    [Fact]
    public void Resolve_EveryLayer_TheMostSpecificThatSetsEachSettingWins()
    {
        var overrides = OverrideSet.From(
        [
            Override(OverrideScope.All, ("BatchSize", "300"), ("StatusInterval", "2s"), ("Enabled", "false")),
            Override(OverrideScope.ForKind("vibration"), ("BatchSize", "400"), ("BatchMaxAge", "3s")),
            Override(OverrideScope.ForSensor("s1"), ("BatchSize", "500")),
        ]);

        var s1 = ConfigResolver.Resolve("s1", "vibration", overrides, Settings, 10_000);
        var s2 = ConfigResolver.Resolve("s2", "vibration", overrides, Settings, 10_000);
        var other = ConfigResolver.Resolve("s3", "humidity", overrides, Settings, 10_000);

        Assert.Equal((500, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(2), false, TimeSpan.FromMilliseconds(20)),
            (s1.BatchSize, s1.BatchMaxAge, s1.StatusInterval, s1.Enabled, s1.SamplingInterval));
        Assert.Equal(400, s2.BatchSize);
        Assert.Equal((300, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(10)), (other.BatchSize, other.BatchMaxAge, other.SamplingInterval));
    }

    [Fact]
    public void Resolve_OverrideBeyondTheCurrentBound_IsPassedOverForTheNextLayer()
    {
        var overrides = OverrideSet.From([Override(OverrideScope.ForSensor("s1"), ("BatchSize", "5000"))]);

        Assert.Equal(200, ConfigResolver.Resolve("s1", "vibration", overrides, Settings, maxBatchSize: 1000).BatchSize);
    }

    private static SettingsOverride Override(OverrideScope scope, params (string Name, string Value)[] settings) =>
        new(scope, settings.ToImmutableSortedDictionary(s => s.Name, s => s.Value, StringComparer.Ordinal), DateTimeOffset.UnixEpoch);
}
