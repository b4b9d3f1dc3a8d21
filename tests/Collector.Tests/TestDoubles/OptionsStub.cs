using Microsoft.Extensions.Options;

namespace Ingest.Collector.Tests.TestDoubles;

/// <summary>An <see cref="IOptions{TOptions}"/> whose value the test sets and changes directly.</summary>
internal sealed class OptionsStub<T>(T value) : IOptions<T>
    where T : class
{
    public T Value { get; set; } = value;
}
