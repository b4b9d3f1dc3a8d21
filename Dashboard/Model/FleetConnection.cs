namespace Ingest.Dashboard.Model;

/// <summary>How the dashboard's streams to several collectors stand, summed up as one connection for the header.</summary>
internal static class FleetConnection
{
    /// <summary>
    /// One collector's connection as is. Of several: the first with a complete snapshot (so the view is current while
    /// any collector is), else the first connected, else the first reconnecting, else connecting; its address is
    /// every collector's, and it names no collector process (each collector's line does).
    /// </summary>
    public static ConnectionState Summary(IReadOnlyList<DashboardState> collectors)
    {
        ArgumentNullException.ThrowIfNull(collectors);
        if (collectors.Count == 1)
        {
            return collectors[0].Connection;
        }

        var connections = collectors.Select(state => state.Connection).ToArray();
        var chosen =
            connections.FirstOrDefault(connection => connection is { Phase: ConnectionPhase.Connected, SnapshotReceived: true }) ??
            connections.FirstOrDefault(connection => connection.Phase == ConnectionPhase.Connected) ??
            connections.FirstOrDefault(connection => connection.Phase == ConnectionPhase.Reconnecting) ??
            connections[0];
        return chosen with
        {
            Address = string.Join(", ", connections.Select(connection => connection.Address)),
            Collector = null,
        };
    }

    /// <summary>How many of <paramref name="collectors"/> are connected with a complete snapshot.</summary>
    public static int Current(IEnumerable<CollectorView> collectors) =>
        collectors.Count(view => view.Connection is { Phase: ConnectionPhase.Connected, SnapshotReceived: true });
}
