namespace Ingest.Repository.Tests.Settings;

/// <summary>
/// A section bound from a name a program composes (e.g. <c>Simulator:Tls</c>) rather than from its options
/// class's own <c>SectionName</c>.
/// </summary>
/// <param name="Section">The section, e.g. <c>Simulator:KeepAlive</c>.</param>
/// <param name="TypeName">The options class bound there, by simple name so that namespaces may change.</param>
/// <param name="DefaultOverrides">Properties whose default in this section is not the class's own, with that default.</param>
internal sealed record ComposedSection(string Section, string TypeName, IReadOnlyDictionary<string, string> DefaultOverrides);
