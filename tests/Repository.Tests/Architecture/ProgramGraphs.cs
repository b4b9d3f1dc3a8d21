using System.Collections.Concurrent;
using System.Reflection;

namespace Ingest.Repository.Tests.Architecture;

/// <summary>The namespace graphs of Ingest's assemblies, read once per test run.</summary>
internal static class ProgramGraphs
{
    /// <summary>The programs, whose layers docs/architecture.md draws.</summary>
    public static readonly string[] Programs = ["Ingest.Collector", "Ingest.Dashboard", "Ingest.SensorSimulator"];

    /// <summary>Every assembly of Ingest that the programs are made of: the programs, the contract and the shared defaults.</summary>
    public static readonly string[] All = [.. Programs, "Ingest.Protocol", "Ingest.ServiceDefaults"];

    private static readonly ConcurrentDictionary<string, NamespaceGraph> Graphs = new(StringComparer.Ordinal);

    public static NamespaceGraph Of(string assembly) =>
        Graphs.GetOrAdd(assembly, name => AssemblyNamespaces.Read(Assembly.Load(new AssemblyName(name))));
}
