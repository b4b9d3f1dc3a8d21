using Ingest.Collector.Model;

namespace Ingest.Collector.Tests.Model;

public sealed class SensorIdTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("7")]
    [InlineData("sensor-1")]
    [InlineData("plant.north:boiler_3-temp")]
    [InlineData("Z9._:-")]
    public void Validate_LettersDigitsAndSeparators_IsValid(string sensorId) =>
        Assert.Null(SensorId.Validate(sensorId));

    [Fact]
    public void Validate_Exactly128Characters_IsValid() =>
        Assert.Null(SensorId.Validate(new string('s', SensorId.MaxLength)));

    [Fact]
    public void Validate_Empty_IsRejectedAsEmpty()
    {
        var reason = SensorId.Validate("");

        Assert.NotNull(reason);
        Assert.Contains("empty", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Over128Characters_IsRejectedWithLengthAndLimit()
    {
        var reason = SensorId.Validate(new string('s', 129));

        Assert.NotNull(reason);
        Assert.Contains("129", reason, StringComparison.Ordinal);
        Assert.Contains("128", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sensor 1")]
    [InlineData("sensor/1")]
    [InlineData("sensör")]
    [InlineData("sensor\t1")]
    [InlineData("a*b")]
    public void Validate_CharacterOutsideTheAllowedSet_IsRejected(string sensorId) =>
        Assert.NotNull(SensorId.Validate(sensorId));

    [Theory]
    [InlineData("sensor-1\n")]
    [InlineData("sensor-1\r\n")]
    public void Validate_TrailingLineBreak_IsRejected(string sensorId) =>
        Assert.NotNull(SensorId.Validate(sensorId));

    [Theory]
    [InlineData("-sensor")]
    [InlineData(".sensor")]
    [InlineData("_sensor")]
    [InlineData(":sensor")]
    public void Validate_FirstCharacterNotLetterOrDigit_IsRejected(string sensorId) =>
        Assert.NotNull(SensorId.Validate(sensorId));

    [Fact]
    public void Validate_ControlCharacter_IsNotEchoedInTheReason()
    {
        var reason = SensorId.Validate("bad\u0007id");

        Assert.NotNull(reason);
        Assert.DoesNotContain('\u0007', reason);
        Assert.Contains("bad?id", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("thermometer")]
    [InlineData("temp.celsius:v2")]
    public void ValidateKind_EmptyOrWellFormed_IsValid(string kind) =>
        Assert.Null(SensorId.ValidateKind(kind));

    [Fact]
    public void ValidateKind_Exactly64Characters_IsValid() =>
        Assert.Null(SensorId.ValidateKind(new string('k', 64)));

    [Fact]
    public void ValidateKind_Over64Characters_IsRejected()
    {
        var reason = SensorId.ValidateKind(new string('k', 65));

        Assert.NotNull(reason);
        Assert.Contains("64", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("-leading")]
    [InlineData("kind\n")]
    public void ValidateKind_BadCharacters_IsRejected(string kind) =>
        Assert.NotNull(SensorId.ValidateKind(kind));
}
