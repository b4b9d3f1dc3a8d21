namespace Ingest.Dashboard.Admin;

/// <summary>
/// The collector's Admin service as <c>command …</c> uses it: commands to connected sensors. The call throws the gRPC
/// <c>RpcException</c> when it fails, with <c>DeadlineExceeded</c> when its <c>timeout</c> passes first.
/// </summary>
internal interface ISensorCommandAdmin
{
    /// <summary>Sends <paramref name="command"/> to the connected sensors in <paramref name="scope"/>.</summary>
    Task<CommandResult> SendCommandAsync(
        ConfigScope scope, SensorCommandKind command, TimeSpan timeout, CancellationToken cancellationToken);
}
