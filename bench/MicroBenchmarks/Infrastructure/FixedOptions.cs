using Ingest.Collector.Calls;
using Ingest.Collector.Hosting;
using Ingest.Collector.Settings;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ingest.MicroBenchmarks.Infrastructure;

/// <summary>Settings a unit test builds directly: a <see cref="LastGoodOptions{T}"/> whose value is the instance the test holds.</summary>
internal static class FixedOptions
{
    public static LastGoodOptions<T> Of<T>(T value)
        where T : class => new(new Factory<T>(value), [], NullLogger<LastGoodOptions<T>>.Instance, typeof(T).Name);

    private sealed class Factory<T>(T value) : IOptionsFactory<T>
        where T : class
    {
        public T Create(string name) => value;
    }
}
