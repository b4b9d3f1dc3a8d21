using System.Text.Json.Serialization;

namespace Ingest.Dashboard.Lines;

/// <summary>Source-generated JSON for the <c>--json</c> lines: snake_case, one object per line.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(WindowLine))]
[JsonSerializable(typeof(SnapshotCompleteLine))]
[JsonSerializable(typeof(StatisticsLine))]
[JsonSerializable(typeof(HeartbeatLine))]
internal sealed partial class LinesJsonContext : JsonSerializerContext;
