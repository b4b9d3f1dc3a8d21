namespace Ingest.Collector.SensorConfig;

/// <summary>
/// Something that holds a view of a sensor's configuration — a connected control stream, a dashboard's
/// subscription — and must refresh it when the desired or reported configuration changes.
/// </summary>
internal interface IConfigChangeListener
{
    void ConfigChanged(string sensorId);
}
