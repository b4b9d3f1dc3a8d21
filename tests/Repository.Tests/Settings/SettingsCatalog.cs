using System.Reflection;
using System.Text.RegularExpressions;

namespace Ingest.Repository.Tests.Settings;

/// <summary>
/// Every setting the programs bind, found by reflection: each options class (a class in the program assemblies that
/// declares <c>public const string SectionName</c>) under its section, and the sections of
/// <see cref="SectionConventions.Composed"/>. A setting is a public instance property with a public setter; one whose
/// type is a class of the program assemblies is a sub-section, listed with its summary and then walked in turn, and a
/// dictionary of such classes is a sub-section per name (<c>&lt;name&gt;</c>).
/// </summary>
internal static partial class SettingsCatalog
{
    private const string NamePlaceholder = "<name>";

    /// <summary>The type of a row that stands for a nested options class: its settings follow.</summary>
    public const string SubSection = "section";

    /// <summary>The type of a row that stands for a dictionary of nested options classes, one per name.</summary>
    public const string SubSectionPerName = "section per name";

    public static IReadOnlyList<SettingsSection> Sections { get; } = Discover();

    /// <summary>Every setting of every section, by key.</summary>
    public static IReadOnlyList<Setting> Settings { get; } = [.. Sections.SelectMany(section => section.Settings)];

    /// <summary>The options classes: types in the program assemblies with a <c>SectionName</c> constant, and its value.</summary>
    public static IEnumerable<(Type Type, string SectionName)> OptionsClasses() =>
        from assembly in ProgramAssemblies.All
        from type in assembly.GetTypes()
        where type.IsClass && !type.IsAbstract
        let field = type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)
        where field is { IsLiteral: true } && field.FieldType == typeof(string)
        select (type, (string)field.GetRawConstantValue()!);

    private static List<SettingsSection> Discover()
    {
        var sections = new List<SettingsSection>();
        foreach (var (type, sectionName) in OptionsClasses())
        {
            if (!SectionConventions.SubSectionTypeNames.Contains(type.Name))
            {
                sections.Add(Section(sectionName, type, new Dictionary<string, string>()));
            }
        }

        foreach (var composed in SectionConventions.Composed)
        {
            var types = ProgramAssemblies.All.SelectMany(assembly => assembly.GetTypes()).Where(type => type.Name == composed.TypeName).ToList();
            var type = types.Count == 1
                ? types[0]
                : throw new InvalidOperationException(
                    $"{composed.Section} is bound to {composed.TypeName}, but the program assemblies hold {types.Count} types of that name; update SectionConventions.Composed.");
            sections.Add(Section(composed.Section, type, composed.DefaultOverrides));
        }

        var duplicates = sections.GroupBy(section => section.Name, StringComparer.OrdinalIgnoreCase).Where(group => group.Count() > 1).Select(group => group.Key).ToList();
        return duplicates.Count == 0
            ? [.. sections.OrderBy(section => section.Name, StringComparer.Ordinal)]
            : throw new InvalidOperationException($"Sections bound by more than one options class: {string.Join(", ", duplicates)}.");
    }

    private static SettingsSection Section(string name, Type type, IReadOnlyDictionary<string, string> defaultOverrides)
    {
        var settings = new List<Setting>();
        Walk(name, type, Activator.CreateInstance(type, nonPublic: true), settings);
        foreach (var property in defaultOverrides.Keys.Where(key => settings.All(setting => setting.Key != $"{name}:{key}")))
        {
            throw new InvalidOperationException($"{name} overrides the default of {property}, which {type.Name} does not have.");
        }

        settings = [.. settings.Select(setting =>
            defaultOverrides.TryGetValue(setting.Key[(name.Length + 1)..], out var value) ? setting with { Default = $"`{value}`" } : setting)];
        var summary = SectionSentence().Replace(XmlDocumentation.Summary(type) ?? "", "").Trim();
        return new SettingsSection(name, type, summary, settings);
    }

    private static void Walk(string prefix, Type type, object? instance, List<Setting> settings)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.GetIndexParameters().Length == 0 && property.GetMethod?.IsPublic == true && property.SetMethod?.IsPublic == true)
            .OrderBy(property => property.MetadataToken);
        foreach (var property in properties)
        {
            var key = $"{prefix}:{property.Name}";
            var value = instance is null ? null : property.GetValue(instance);
            var description = DefaultSentence().Replace(
                XmlDocumentation.Summary(property)
                    ?? throw new InvalidOperationException($"{type.Name}.{property.Name} ({key}) has no XML doc <summary>; every setting says what it does there."),
                "");
            if (IsSubSection(property.PropertyType))
            {
                settings.Add(new Setting(key, SubSection, "", description));
                Walk(key, property.PropertyType, value ?? Activator.CreateInstance(property.PropertyType, nonPublic: true), settings);
            }
            else if (SettingValues.DictionaryValueType(property.PropertyType) is { } entry && IsSubSection(entry))
            {
                settings.Add(new Setting(key, SubSectionPerName, "", description));
                Walk($"{key}:{NamePlaceholder}", entry, Activator.CreateInstance(entry, nonPublic: true), settings);
            }
            else
            {
                settings.Add(new Setting(key, SettingValues.TypeName(property.PropertyType), SettingValues.Default(value), description));
            }
        }
    }

    private static bool IsSubSection(Type type) =>
        type.IsClass && type != typeof(string) && ProgramAssemblies.Contains(type) && type.GetConstructor(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance, Type.EmptyTypes) is not null;

    // "Default: 5 s." closing a summary says what the default column says; one that says more ("Default: 16,384, room
    // for 10,000 sensors …") stays.
    [GeneratedRegex(@"\s*Default: (?:(?!, ).)*\.$")]
    private static partial Regex DefaultSentence();

    // "Section `Collector:Storage`." says what the heading says.
    [GeneratedRegex(@"\s*Section `[^`]+`\.")]
    private static partial Regex SectionSentence();
}
