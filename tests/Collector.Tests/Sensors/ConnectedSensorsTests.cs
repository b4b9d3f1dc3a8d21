using Ingest.Collector.Sensors;

namespace Ingest.Collector.Tests.Sensors;

public sealed class ConnectedSensorsTests
{
    [Fact]
    public void Count_SensorWithTwoStreams_CountsOnceUntilBothClose()
    {
        var connected = new ConnectedSensors();
        connected.Opened("a");
        connected.Opened("a");
        connected.Opened("b");
        Assert.Equal(2, connected.Count);

        connected.Closed("a");
        Assert.Equal(2, connected.Count);

        connected.Closed("a");
        connected.Closed("b");
        Assert.Equal(0, connected.Count);
    }
}
