using System.Reflection;

namespace Ingest.Repository.Tests.Settings;

/// <summary>
/// The assemblies whose options classes make up the settings: the programs, ServiceDefaults, and every Ingest
/// assembly they reference (the contract project, for one). Found by assembly name, so that types may move freely.
/// </summary>
internal static class ProgramAssemblies
{
    private static readonly string[] Programs =
        ["Ingest.Collector", "Ingest.Dashboard", "Ingest.SensorSimulator", "Ingest.ServiceDefaults"];

    public static IReadOnlyList<Assembly> All { get; } = Load();

    /// <summary>Whether <paramref name="type"/> is declared in one of <see cref="All"/>.</summary>
    public static bool Contains(Type type) => All.Contains(type.Assembly);

    private static List<Assembly> Load()
    {
        var found = new Dictionary<string, Assembly>(StringComparer.Ordinal);
        var pending = new Queue<AssemblyName>(Programs.Select(name => new AssemblyName(name)));
        while (pending.TryDequeue(out var name))
        {
            if (name.Name is not { } simpleName || found.ContainsKey(simpleName))
            {
                continue;
            }

            var assembly = Assembly.Load(name);
            found.Add(simpleName, assembly);
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (reference.Name?.StartsWith("Ingest.", StringComparison.Ordinal) == true)
                {
                    pending.Enqueue(reference);
                }
            }
        }

        return [.. found.Values.OrderBy(assembly => assembly.GetName().Name, StringComparer.Ordinal)];
    }
}
