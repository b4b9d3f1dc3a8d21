namespace Ingest.Repository.Tests.Settings;

/// <summary>One configuration section and the settings its options class binds there.</summary>
/// <param name="Name">The section, e.g. <c>Collector:Storage</c>.</param>
/// <param name="OptionsType">The options class bound to it.</param>
/// <param name="Summary">The class's XML doc summary, as markdown.</param>
/// <param name="Settings">Its settings, nested options classes included, in declaration order.</param>
internal sealed record SettingsSection(string Name, Type OptionsType, string Summary, IReadOnlyList<Setting> Settings);
