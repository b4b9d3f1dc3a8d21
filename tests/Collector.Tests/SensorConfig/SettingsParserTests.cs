using Ingest.Collector.SensorConfig;

namespace Ingest.Collector.Tests.SensorConfig;

public sealed class SettingsParserTests
{
    private const int MaxBatch = 10_000;

    [Theory]
    [InlineData("samplinginterval", "SamplingInterval")]
    [InlineData("BATCHSIZE", "BatchSize")]
    [InlineData(" Enabled ", "Enabled")]
    public void CanonicalName_AnyCase_GivesTheCanonicalSpelling(string input, string canonical) =>
        Assert.Equal(canonical, SettingsParser.CanonicalName(input));

    [Theory]
    [InlineData("SamplingInterval", "5ms", "SamplingInterval 5ms is out of range: allowed 10ms to 1h")]
    [InlineData("SamplingInterval", "2h", "SamplingInterval 2h is out of range: allowed 10ms to 1h")]
    [InlineData("UploadWindowDuration", "50ms", "UploadWindowDuration 50ms is out of range: allowed 100ms to 1h")]
    [InlineData("StatusInterval", "999ms", "StatusInterval 999ms is out of range: allowed 1s to 1h")]
    [InlineData("BatchSize", "0", "BatchSize 0 is out of range: allowed 1 to 10000")]
    [InlineData("BatchSize", "10001", "BatchSize 10001 is out of range: allowed 1 to 10000")]
    [InlineData("UploadWindowBatches", "99999999999", "UploadWindowBatches 99999999999 is out of range: allowed 1 to 10000")]
    [InlineData("BatchSize", "1.5", "BatchSize \"1.5\" is not a whole number (allowed 1 to 10000)")]
    [InlineData("Enabled", "yes", "Enabled \"yes\" is not true or false")]
    [InlineData("SampleRate", "1", "unknown setting \"SampleRate\"; known settings: SamplingInterval, BatchSize, BatchMaxAge, UploadWindowBatches, UploadWindowDuration, Enabled, StatusInterval")]
    public void TryApply_BadValue_NamesTheSettingTheValueAndTheAllowedRange(string name, string value, string error)
    {
        Assert.Equal(error, SettingsParser.TryApply(SensorConfigValues.BuiltIn, name, value, MaxBatch, out var result));
        Assert.Same(SensorConfigValues.BuiltIn, result);
    }

    [Fact]
    public void TryApply_BadDuration_SaysHowToWriteOne()
    {
        var error = SettingsParser.TryApply(SensorConfigValues.BuiltIn, "BatchMaxAge", "soon", MaxBatch, out _);

        Assert.Equal("BatchMaxAge \"soon\" is not a duration; write e.g. 250ms, 1.5s, 2m, 1h or 00:00:00.250 (allowed 10ms to 1h)", error);
    }

    [Fact]
    public void TryApply_GoodValues_SetOnlyThatSetting()
    {
        Assert.Null(SettingsParser.TryApply(SensorConfigValues.BuiltIn, "batchsize", "250", MaxBatch, out var sized));
        Assert.Null(SettingsParser.TryApply(sized, "Enabled", "FALSE", MaxBatch, out var disabled));

        Assert.Equal(SensorConfigValues.BuiltIn with { BatchSize = 250, Enabled = false }, disabled);
    }

    [Fact]
    public void Normalize_MixedCaseNamesAndFormats_GivesCanonicalNamesAndValuesAndCollectsEveryError()
    {
        var errors = new List<string>();

        var normalized = SettingsParser.Normalize(
            [new("samplinginterval", "00:00:00.050"), new("BatchMaxAge", "1.5s"), new("Enabled", "True"), new("BatchSize", "x"), new("Colour", "red")],
            MaxBatch, errors);

        Assert.Equal(
            new Dictionary<string, string> { ["SamplingInterval"] = "50ms", ["BatchMaxAge"] = "1500ms", ["Enabled"] = "true" },
            normalized);
        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void Normalize_SameSettingInTwoCases_IsAnError()
    {
        var errors = new List<string>();

        SettingsParser.Normalize([new("BatchSize", "1"), new("batchsize", "2")], MaxBatch, errors);

        Assert.Contains("setting BatchSize is given more than once (names are case-insensitive)", errors);
    }

    [Fact]
    public void Check_BuiltInDefaults_AreWithinBounds() => Assert.Empty(SettingsParser.Check(SensorConfigValues.BuiltIn, MaxBatch));

    [Fact]
    public void Check_DefaultsOutOfBounds_NamesEachSetting()
    {
        var errors = SettingsParser.Check(SensorConfigValues.BuiltIn with { BatchSize = 20_000, StatusInterval = TimeSpan.FromMilliseconds(10) }, MaxBatch).ToList();

        Assert.Equal(["BatchSize 20000 is out of range: allowed 1 to 10000", "StatusInterval 10ms is out of range: allowed 1s to 1h"], errors);
    }
}
