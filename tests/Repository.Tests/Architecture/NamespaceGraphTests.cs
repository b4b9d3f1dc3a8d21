namespace Ingest.Repository.Tests.Architecture;

/// <summary>The graph arithmetic the architecture tests rely on, on small graphs whose answer is known.</summary>
public sealed class NamespaceGraphTests
{
    [Fact]
    public void A_layered_graph_has_no_cycle_and_no_mutual_pair()
    {
        var graph = new NamespaceGraph([("Hosting", "Commit"), ("Commit", "Storage"), ("Hosting", "Storage"), ("Storage", "Model")]);

        Assert.Empty(graph.CycleGroups());
        Assert.Empty(graph.MutualPairs());
        Assert.Equal(["Commit", "Hosting", "Model", "Storage"], graph.Namespaces);
    }

    [Fact]
    public void One_back_edge_makes_a_cycle_group_of_every_namespace_on_its_loop()
    {
        var graph = new NamespaceGraph(
            [("Hosting", "Commit"), ("Commit", "Storage"), ("Storage", "Model"), ("Model", "Commit"), ("Hosting", "Model")]);

        var group = Assert.Single(graph.CycleGroups());
        Assert.Equal(["Commit", "Model", "Storage"], group);
        Assert.Equal(["Commit", "Storage", "Model", "Commit"], graph.CycleThrough("Commit"));
        Assert.Empty(graph.MutualPairs());
    }

    [Fact]
    public void Two_namespaces_using_each_other_are_a_mutual_pair_and_a_cycle()
    {
        var graph = new NamespaceGraph([("Control", "DesiredState"), ("DesiredState", "Control"), ("Control", "Model")]);

        Assert.Equal([("Control", "DesiredState")], graph.MutualPairs());
        Assert.Equal(["Control", "DesiredState"], Assert.Single(graph.CycleGroups()));
    }

    [Fact]
    public void Layer_tables_are_read_per_assembly_from_their_section_only()
    {
        var tables = LayerTable.Parse(
            """
            # Architecture
            ## Elsewhere
            ### Ingest.Ignored
            | 1 | `Model` | ignored: not under the section |
            ## Who may depend on whom
            ### Ingest.Collector
            | layer | namespaces | holds |
            |---:|---|---|
            | 2 | `Hosting` | the wiring |
            | 1 | `Model` · `Codec` | the bottom |
            ### Ingest.Dashboard
            | 1 | `Feed` | |
            """);

        Assert.Equal(["Ingest.Collector", "Ingest.Dashboard"], tables.Keys.Order(StringComparer.Ordinal));
        var collector = tables["Ingest.Collector"];
        Assert.Equal(2, collector.LayerOf("Hosting"));
        Assert.Equal(1, collector.LayerOf("Codec"));
        Assert.Null(collector.LayerOf("Feed"));
        Assert.Equal(1, tables["Ingest.Dashboard"].LayerOf("Feed"));
    }
}
