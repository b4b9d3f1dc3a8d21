namespace Ingest.Collector.DesiredState;

/// <summary>A sensor that greeted or said hello and is not known yet (or changed its kind), waiting to be persisted with others.</summary>
internal sealed class SensorRegistration(string sensorId, string kind)
{
    private readonly TaskCompletionSource<DesiredConfig> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string SensorId { get; } = sensorId;

    public string Kind { get; } = kind;

    /// <summary>The sensor's desired configuration once it is persisted.</summary>
    public Task<DesiredConfig> Completion => _completion.Task;

    public void Complete(DesiredConfig config) => _completion.TrySetResult(config);

    public void Fail(Exception exception) => _completion.TrySetException(exception);
}
