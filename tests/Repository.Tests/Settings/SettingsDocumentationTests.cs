using System.Reflection;
using System.Text.RegularExpressions;
using Ingest.Repository.Tests.Infrastructure;

namespace Ingest.Repository.Tests.Settings;

/// <summary>
/// docs/settings.md is the options classes, written out: every setting they bind, under its section, with its type,
/// default and XML doc summary, and nothing else. The tables are generated; the prose around them is not.
/// </summary>
public sealed partial class SettingsDocumentationTests
{
    private const string DocumentPath = "docs/settings.md";
    private const string RegeneratedPath = "artifacts/docs/settings.md";

    [Fact]
    public void SettingsDoc_ListsExactlyTheSettingsTheOptionsClassesBind()
    {
        var actual = File.ReadAllText(RepositoryRoot.Combine(DocumentPath)).ReplaceLineEndings("\n");
        var expected = new SettingsDocument(actual).Regenerate(SettingsCatalog.Sections);
        if (actual == expected)
        {
            return;
        }

        var regenerated = RepositoryRoot.Combine(RegeneratedPath);
        Directory.CreateDirectory(Path.GetDirectoryName(regenerated)!);
        File.WriteAllText(regenerated, expected);
        Assert.Fail(
            $"{DocumentPath} does not match the options classes (- the document, + the classes):\n" +
            LineDiff.Describe(actual, expected) +
            $"\nThe generated tables come from the options classes and their XML doc comments: change those, not the tables. " +
            $"This test wrote the regenerated document to {RegeneratedPath}; to take it: cp {RegeneratedPath} {DocumentPath} (then review the diff).");
    }

    [Fact]
    public void SettingsDoc_HoldsOneBlockPerSection()
    {
        var document = new SettingsDocument(File.ReadAllText(RepositoryRoot.Combine(DocumentPath)));

        Assert.Equal(
            SettingsCatalog.Sections.Select(section => section.Name).Order(StringComparer.Ordinal),
            document.Sections.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void OptionsClasses_AreFound_WithTheSettingsOfTheirNestedClasses()
    {
        // Guards the discovery itself: a convention that stopped matching would document nothing, and agree.
        var keys = SettingsCatalog.Settings.Select(setting => setting.Key).ToHashSet(StringComparer.Ordinal);

        Assert.True(SettingsCatalog.OptionsClasses().Count() >= 10, "fewer options classes found than the programs have");
        Assert.Contains("Collector:Storage:Path", keys);
        Assert.Contains("Collector:Tls:CertificatePath", keys);
        Assert.Contains("Collector:Security:Keys:<name>:Role", keys);
        Assert.Contains("Simulator:Tls:CaPath", keys);
        Assert.Contains("Dashboard:Logs:JsonFile", keys);
        Assert.DoesNotContain("Tls:CaPath", keys);
    }

    [Fact]
    public void ComposedSections_AreExactlyTheSectionsTheProgramsCompose()
    {
        // Constants such as SimulatorHostingExtensions.KeepAliveSectionName name the sections a program binds.
        var named = SectionConstants().ToList();
        var composed = SectionConventions.Composed.Select(section => section.Section).ToList();

        Assert.All(composed, section => Assert.Contains(section, named.Select(constant => constant.Value)));
        Assert.All(named, constant => Assert.True(
            KeyPattern.IsKnown(constant.Value, SettingsCatalog.Settings),
            $"{constant.Field} names the section {constant.Value}, which no options class binds; add it to SectionConventions.Composed."));
    }

    [Fact]
    public void SharedAppSettings_SetsOnlyRealSettings()
    {
        var keys = AppSettingsKeys.Read(RepositoryRoot.Combine("appsettings.json"), SettingsCatalog.Settings);
        var unknown = keys.Where(key => !SectionConventions.ExternalSections.Contains(key.Split(':')[0]))
            .Where(key => !SettingsCatalog.Settings.Any(setting => KeyPattern.Matches(setting.Key, key)))
            .ToList();

        Assert.NotEmpty(keys);
        Assert.True(unknown.Count == 0, "appsettings.json sets keys no options class binds: " + string.Join(", ", unknown));
    }

    [Fact]
    public void SettingsNamedInReadmeAndDocs_Exist()
    {
        var roots = SettingsCatalog.Sections.Select(section => section.Name.Split(':')[0]).ToHashSet(StringComparer.Ordinal);
        var unknown = new List<string>();
        var found = 0;
        foreach (var file in MarkdownFile.Documentation())
        {
            var lines = file.Text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (Match match in SettingName().Matches(lines[i]))
                {
                    var key = match.Value.EndsWith(":*", StringComparison.Ordinal) ? match.Value[..^2] : match.Value;
                    if (!roots.Contains(key.Split(':')[0]))
                    {
                        continue;
                    }

                    found++;
                    if (!KeyPattern.IsKnown(key, SettingsCatalog.Settings))
                    {
                        unknown.Add($"{RepositoryRoot.Relative(file.Path)}:{i + 1}: {match.Value}");
                    }
                }
            }
        }

        Assert.True(found > 0, "no setting names were found in README.md and docs/");
        Assert.True(unknown.Count == 0, "Settings named in the documentation that no options class binds:\n" + string.Join("\n", unknown));
    }

    private static IEnumerable<(string Field, string Value)> SectionConstants() =>
        from assembly in ProgramAssemblies.All
        from type in assembly.GetTypes()
        from field in type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly)
        where field.IsLiteral && field.FieldType == typeof(string) && field.Name.Contains("Section", StringComparison.Ordinal)
        let value = (string)field.GetRawConstantValue()!
        where value.Contains(':', StringComparison.Ordinal)
        select ($"{type.Name}.{field.Name}", value);

    // Collector:Storage:Path, Simulator:Chaos:*, Collector:Security:Keys:demo-sensors:Key; not a word that merely ends in a colon.
    [GeneratedRegex(@"(?<![\w:.-])[A-Z][A-Za-z]+(:[A-Za-z0-9<>_-]+)+(:\*)?")]
    private static partial Regex SettingName();
}
