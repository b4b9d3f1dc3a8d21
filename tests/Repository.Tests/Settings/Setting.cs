namespace Ingest.Repository.Tests.Settings;

/// <summary>One setting an options class binds, or one nested options class (type <c>section</c>) whose settings follow it.</summary>
/// <param name="Key">The full key, e.g. <c>Collector:Storage:Path</c>; <c>&lt;name&gt;</c> stands for a name the operator picks.</param>
/// <param name="Type">What the value is, as an operator writes it: <c>duration</c>, <c>integer</c>, the names of an enum, ….</param>
/// <param name="Default">The value in force when the setting is not set, as it would be written in appsettings.json.</param>
/// <param name="Description">The property's XML doc summary, as markdown.</param>
internal sealed record Setting(string Key, string Type, string Default, string Description);
