using System.Threading.Channels;
using Ingest.Dashboard.Model;

namespace Ingest.Dashboard.Tests.Infrastructure;

/// <summary>One aggregate stream of the fake collector, fed by the test.</summary>
internal sealed class FakeStream
{
    private readonly Channel<DashboardUpdate> _updates = Channel.CreateUnbounded<DashboardUpdate>();

    public ChannelReader<DashboardUpdate> Reader => _updates.Reader;

    public FakeStream Send(params DashboardUpdate[] updates)
    {
        foreach (var update in updates)
        {
            Assert.True(_updates.Writer.TryWrite(update));
        }

        return this;
    }

    /// <summary>Breaks the stream with <paramref name="exception"/> after what was sent.</summary>
    public FakeStream Fail(Exception exception)
    {
        _updates.Writer.Complete(exception);
        return this;
    }

    /// <summary>Ends the stream cleanly after what was sent.</summary>
    public FakeStream End()
    {
        _updates.Writer.Complete();
        return this;
    }
}
