namespace Ingest.Repository.Tests.Architecture;

/// <summary>The programs keep to the layers docs/architecture.md draws: each namespace uses only lower layers.</summary>
public sealed class LayeringTests
{
    private static readonly IReadOnlyDictionary<string, LayerTable> Tables = LayerTable.Read();

    public static TheoryData<string> Programs() => [.. ProgramGraphs.Programs];

    [Theory]
    [MemberData(nameof(Programs))]
    public void Every_namespace_of_a_program_is_in_exactly_one_layer_of_the_architecture_document(string program)
    {
        Assert.True(Tables.TryGetValue(program, out var table), $"{LayerTable.Document} has no '### {program}' table under 'Who may depend on whom'.");
        var graph = ProgramGraphs.Of(program);

        var missing = graph.Namespaces.Where(ns => table.LayerOf(ns) is null).ToList();
        var unknown = table.Rows.Where(row => !graph.Namespaces.Contains(row.Namespace)).Select(row => $"{row.Namespace} (line {row.Line})").ToList();
        var twice = table.Rows.GroupBy(row => row.Namespace).Where(rows => rows.Count() > 1)
            .Select(rows => $"{rows.Key} (lines {string.Join(", ", rows.Select(row => row.Line))})").ToList();

        Assert.True(
            missing.Count + unknown.Count + twice.Count == 0,
            $"{LayerTable.Document}, {program}:" +
            (missing.Count > 0 ? $"\n  not in any layer: {string.Join(", ", missing)}" : "") +
            (unknown.Count > 0 ? $"\n  no such namespace: {string.Join(", ", unknown)}" : "") +
            (twice.Count > 0 ? $"\n  listed twice: {string.Join(", ", twice)}" : ""));
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public void A_namespace_uses_only_namespaces_of_lower_layers(string program)
    {
        Assert.True(Tables.TryGetValue(program, out var table), $"{LayerTable.Document} has no '### {program}' table.");
        var graph = ProgramGraphs.Of(program);

        var upward = graph.Edges
            .Where(edge => table.LayerOf(edge.From) is { } from && table.LayerOf(edge.To) is { } to && to >= from)
            .Select(edge => $"{edge.From} (layer {table.LayerOf(edge.From)}) → {edge.To} (layer {table.LayerOf(edge.To)})")
            .ToList();

        Assert.True(upward.Count == 0, $"{program} uses namespaces of its own or a higher layer:\n  " + string.Join("\n  ", upward));
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public void Hosting_alone_is_the_top_layer_so_nothing_but_the_wiring_knows_it(string program)
    {
        Assert.True(Tables.TryGetValue(program, out var table), $"{LayerTable.Document} has no '### {program}' table.");

        var top = table.Rows.Max(row => row.Layer);

        Assert.Equal(["Hosting"], table.Rows.Where(row => row.Layer == top).Select(row => row.Namespace));
        var users = ProgramGraphs.Of(program).Edges.Where(edge => edge.To == "Hosting").Select(edge => edge.From).ToList();
        Assert.True(users.Count == 0, $"Only Program may use {program}.Hosting; also used by: {string.Join(", ", users)}");
    }

    [Fact]
    public void A_storage_engine_is_known_only_to_the_wiring()
    {
        // Storage/ is the contract; Storage/Sqlite (and, to come, Storage/Postgres) are engines behind it,
        // chosen in Hosting. Nothing else may name an engine, so that a second engine is a sibling folder.
        var collector = ProgramGraphs.Of("Ingest.Collector");
        var engines = collector.Namespaces.Where(ns => ns.StartsWith("Storage.", StringComparison.Ordinal)).ToList();

        var users = collector.Edges
            .Where(edge => engines.Contains(edge.To) && edge.From != "Hosting" && !edge.From.StartsWith(edge.To, StringComparison.Ordinal))
            .Select(edge => $"{edge.From} → {edge.To}")
            .ToList();

        Assert.NotEmpty(engines);
        Assert.True(users.Count == 0, "Only Hosting may use a storage engine; also used by:\n  " + string.Join("\n  ", users));
    }
}
