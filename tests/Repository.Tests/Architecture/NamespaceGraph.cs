namespace Ingest.Repository.Tests.Architecture;

/// <summary>
/// Which namespace of one assembly uses which: an edge A → B when code in A names a type of B (in a signature,
/// a field, an attribute or a method body). Names are relative to the assembly's root namespace.
/// </summary>
internal sealed class NamespaceGraph
{
    private readonly SortedDictionary<string, SortedSet<string>> _edges = new(StringComparer.Ordinal);

    public NamespaceGraph(IEnumerable<(string From, string To)> edges, IEnumerable<string>? namespaces = null)
    {
        foreach (var ns in namespaces ?? [])
        {
            Node(ns);
        }

        foreach (var (from, to) in edges)
        {
            Node(to);
            if (from != to)
            {
                Node(from).Add(to);
            }
        }
    }

    public IReadOnlyCollection<string> Namespaces => _edges.Keys;

    public IEnumerable<(string From, string To)> Edges =>
        _edges.SelectMany(node => node.Value.Select(to => (node.Key, to)));

    private SortedSet<string> Node(string ns)
    {
        if (!_edges.TryGetValue(ns, out var to))
        {
            to = new SortedSet<string>(StringComparer.Ordinal);
            _edges.Add(ns, to);
        }

        return to;
    }

    public IReadOnlySet<string> DependenciesOf(string ns) =>
        _edges.TryGetValue(ns, out var to) ? to : new SortedSet<string>(StringComparer.Ordinal);

    /// <summary>The pairs of namespaces that use each other, each pair once.</summary>
    public IReadOnlyList<(string A, string B)> MutualPairs() =>
        [.. Edges.Where(edge => string.CompareOrdinal(edge.From, edge.To) < 0 && DependenciesOf(edge.To).Contains(edge.From))];

    /// <summary>
    /// The groups of namespaces that reach each other (strongly connected components of more than one
    /// namespace, by Tarjan's algorithm), each group sorted; empty when the graph has no cycle.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> CycleGroups()
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var groups = new List<IReadOnlyList<string>>();

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in DependenciesOf(node))
            {
                if (!index.ContainsKey(next))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (onStack.Contains(next) && index.TryGetValue(next, out var nextIndex))
                {
                    low[node] = Math.Min(low[node], nextIndex);
                }
            }

            if (low[node] != index[node])
            {
                return;
            }

            var group = new List<string>();
            string member;
            do
            {
                member = stack.Pop();
                onStack.Remove(member);
                group.Add(member);
            }
            while (member != node);

            if (group.Count > 1)
            {
                groups.Add([.. group.Order(StringComparer.Ordinal)]);
            }
        }

        foreach (var node in Namespaces)
        {
            if (!index.ContainsKey(node))
            {
                Visit(node);
            }
        }

        return groups;
    }

    /// <summary>A path from <paramref name="from"/> back to itself inside its cycle group, to show in a failure.</summary>
    public IReadOnlyList<string> CycleThrough(string from)
    {
        var previous = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>([from]);
        while (queue.TryDequeue(out var node))
        {
            foreach (var next in DependenciesOf(node))
            {
                if (next == from)
                {
                    var path = new List<string> { from };
                    for (var step = node; step != from; step = previous[step])
                    {
                        path.Add(step);
                    }

                    path.Add(from);
                    path.Reverse();
                    return path;
                }

                if (previous.TryAdd(next, node))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return [];
    }
}
