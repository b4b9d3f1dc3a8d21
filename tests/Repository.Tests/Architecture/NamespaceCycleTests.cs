namespace Ingest.Repository.Tests.Architecture;

public sealed class NamespaceCycleTests
{
    public static TheoryData<string> Assemblies() => [.. ProgramGraphs.All];

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void No_two_namespaces_of_an_assembly_depend_on_each_other_even_indirectly(string assembly)
    {
        var graph = ProgramGraphs.Of(assembly);

        var cycles = graph.CycleGroups()
            .Select(group => $"{string.Join(", ", group)} (for one: {string.Join(" → ", graph.CycleThrough(group[0]))})")
            .ToList();

        var mutual = graph.MutualPairs().Select(pair => $"{pair.A} ↔ {pair.B}");

        Assert.True(
            cycles.Count == 0,
            $"{assembly} has namespace cycles:\n  {string.Join("\n  ", cycles)}\nof them, pairs that use each other directly: {string.Join(", ", mutual)}");
    }

    [Fact]
    public void The_graph_reader_sees_dependencies_through_signatures_and_method_bodies()
    {
        // Known edges of the collector: the wiring registers the SQLite engine (a method body), the engine
        // implements the storage contract (an interface), the commit pipeline takes the contract (a constructor).
        var collector = ProgramGraphs.Of("Ingest.Collector");

        Assert.Contains("Storage.Sqlite", collector.DependenciesOf("Hosting"));
        Assert.Contains("Storage", collector.DependenciesOf("Storage.Sqlite"));
        Assert.Contains("Storage", collector.DependenciesOf("Commit"));
        Assert.DoesNotContain("Hosting", collector.DependenciesOf("Storage"));
    }
}
