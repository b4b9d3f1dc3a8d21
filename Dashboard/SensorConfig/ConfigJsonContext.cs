using System.Text.Json.Serialization;

namespace Ingest.Dashboard.SensorConfig;

/// <summary>Source-generated JSON for the <c>config</c> commands' <c>--json</c> output: snake_case, one object per line.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(SensorConfigLine))]
[JsonSerializable(typeof(OverrideLine))]
internal sealed partial class ConfigJsonContext : JsonSerializerContext;
