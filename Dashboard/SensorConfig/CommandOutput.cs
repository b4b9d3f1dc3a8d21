using Spectre.Console;

namespace Ingest.Dashboard.SensorConfig;

/// <summary>Where a one-shot Admin command writes.</summary>
/// <param name="Out">Results: standard output.</param>
/// <param name="Error">Errors: standard error.</param>
/// <param name="Terminal">Standard output as a terminal, for coloured tables and progress; null when it is a file or a pipe.</param>
internal sealed record CommandOutput(TextWriter Out, TextWriter Error, IAnsiConsole? Terminal);
