using Microsoft.Extensions.Options;

namespace Ingest.Collector.Tests.TestDoubles;

/// <summary>An <see cref="IOptionsMonitor{TOptions}"/> whose value the test sets and changes directly.</summary>
internal sealed class OptionsMonitorStub<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue { get; set; } = value;

    public T Get(string? name) => CurrentValue;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
