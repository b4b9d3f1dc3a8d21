using System.Text.Json.Serialization;

namespace Ingest.SensorSimulator.Reporting;

/// <summary>Source-generated JSON for the ledger file, in camelCase.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(LedgerDocument))]
internal sealed partial class LedgerJsonContext : JsonSerializerContext;
