using Ingest.Collector.Model;
using Ingest.Collector.Settings;
using Microsoft.Extensions.Options;

namespace Ingest.Collector.SensorConfig;

/// <summary>Checks <c>Collector:Control:Defaults</c> and <c>Kinds</c> with the same parser and bounds as the admin calls.</summary>
internal sealed class ControlOptionsValidator(IOptions<IngestionOptions> ingestion) : IValidateOptions<ControlOptions>
{
    public ValidateOptionsResult Validate(string? name, ControlOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var maxBatchSize = ingestion.Value.MaxReadingsPerBatch;
        var failures = new List<string>();
        if (options.Defaults is { } defaults)
        {
            failures.AddRange(SettingsParser.Check(defaults.ToValues(), maxBatchSize)
                .Select(error => $"{ControlOptions.SectionName}:{nameof(ControlOptions.Defaults)}: {error}"));
        }

        foreach (var (kind, settings) in options.Kinds ?? [])
        {
            var key = $"{ControlOptions.SectionName}:{nameof(ControlOptions.Kinds)}:{kind}";
            if (kind.Length == 0 || SensorId.ValidateKind(kind) is not null)
            {
                failures.Add($"{key}: '{kind}' is not a kind; kinds are 1 to 64 letters, digits and . _ : -");
            }

            var errors = new List<string>();
            SettingsParser.Normalize(settings ?? [], maxBatchSize, errors);
            failures.AddRange(errors.Select(error => $"{key}: {error}"));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
