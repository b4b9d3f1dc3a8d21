using System.Collections.Concurrent;
using System.Text.Json;
using Ingest.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Ingest.EndToEnd.Tests;

/// <summary>
/// The control channel with the real programs: an operator's <c>config set</c> travels to the sensors, they
/// apply it live, and the dashboard shows both the acknowledgement and its effect.
/// </summary>
public sealed class ControlTests(ITestOutputHelper output)
{
    // Round-robin kinds: two sensors each of temperature, humidity, pressure and vibration.
    private const int Sensors = 8;

    [Fact]
    public async Task ConfigSet_KindSamplingInterval_ChangesThatKindsRateOnly()
    {
        using var directory = new TempDirectory("config-rate");
        var pipeline = new Pipeline(directory);
        await using var collector = await pipeline.StartCollectorAsync();
        await using var simulator = pipeline.StartSimulator(Sensors, TimeSpan.FromMinutes(3));
        await using var dashboard = pipeline.StartDashboard("dashboard-json", "--json");
        var latest = new LatestWindows(dashboard);

        // The default configuration: 10 ms sampling, 100 readings in every closed 1 s window.
        await Eventually.UntilAsync(
            () => latest.Count == Sensors && latest.All(w => w.Closed && w.InSync && IsAbout(w.Rate, 100)),
            "every sensor runs the default configuration at 100 readings/s", TimeSpan.FromSeconds(60), poll: TimeSpan.FromMilliseconds(100));

        await using var set = pipeline.StartDashboard("config-set",
            "config", "set", "--kind", "temperature", "SamplingInterval=50ms", "--wait", "--timeout", "30s");
        Assert.Equal(0, await set.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        output.WriteLine(set.Output);
        Assert.Contains(set.Lines, line => line.Contains("acknowledged by 2 of 2 sensors", StringComparison.Ordinal));

        // 50 ms sampling is 20 readings a window; the windows that straddle the change are in between.
        await Eventually.UntilAsync(
            () => latest.Where(w => w.Kind == "temperature").All(w => w.InSync && IsAbout(w.Rate, 20)),
            "the temperature sensors report the new version and sample at 20 readings/s", TimeSpan.FromSeconds(20), poll: TimeSpan.FromMilliseconds(100));
        var others = latest.Where(w => w.Kind != "temperature").ToList();
        Assert.Equal(Sensors - 2, others.Count);
        Assert.All(others, w => Assert.True(IsAbout(w.Rate, 100), $"{w.SensorId} samples at {w.Rate}/s"));
    }

    [Fact]
    public async Task ConfigSet_OverTheSensorsLimit_IsRejectedAndTheSensorsKeepTheirLastGoodConfiguration()
    {
        using var directory = new TempDirectory("config-reject");
        var pipeline = new Pipeline(directory);
        await using var collector = await pipeline.StartCollectorAsync();
        await using var simulator = pipeline.StartSimulator(2, TimeSpan.FromMinutes(3), "--Simulator:Limits:MaxBatchSize=500");
        await Eventually.UntilAsync(async () => (await ListAsync(pipeline)).All(s => s.State == "in_sync"), "both sensors run the default configuration", TimeSpan.FromSeconds(60), poll: TimeSpan.FromMilliseconds(250));

        await using var set = pipeline.StartDashboard("config-set",
            "config", "set", "--all", "BatchSize=1000", "--wait", "--timeout", "30s");
        Assert.Equal(3, await set.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        output.WriteLine(set.Output);
        Assert.Contains(set.Lines, line => line.Contains("2 rejected", StringComparison.Ordinal));
        Assert.Contains(set.Lines, line => line.Contains("BatchSize 1000 is out of range: this sensor allows 1 to 500", StringComparison.Ordinal));

        var sensors = await ListAsync(pipeline);
        Assert.All(sensors, s =>
        {
            Assert.Equal("rejected", s.State);
            Assert.True(s.Reported < s.Desired, $"{s.SensorId} reports {s.Reported}, desired {s.Desired}");
        });

        // Still sampling and uploading on the last good configuration.
        var before = StoredBySensor(pipeline);
        await Eventually.UntilAsync(
            () => StoredBySensor(pipeline).All(pair => pair.Value > before.GetValueOrDefault(pair.Key)),
            "both sensors store new readings", TimeSpan.FromSeconds(30), poll: TimeSpan.FromMilliseconds(250));
    }

    [Fact]
    public async Task CommandPause_StopsTheKindsSampling_AndResumeRestartsIt()
    {
        using var directory = new TempDirectory("command-pause");
        var pipeline = new Pipeline(directory);
        await using var collector = await pipeline.StartCollectorAsync();
        await using var simulator = pipeline.StartSimulator(Sensors, TimeSpan.FromMinutes(3));
        await Eventually.UntilAsync(async () => (await ListAsync(pipeline)).Count(s => s.Connected) == Sensors, "every sensor has a control stream", TimeSpan.FromSeconds(60), poll: TimeSpan.FromMilliseconds(250));

        await using (var pause = pipeline.StartDashboard("pause", "command", "pause", "--kind", "humidity"))
        {
            Assert.Equal(0, await pause.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains(pause.Lines, line => line.Contains("sent to 2 connected sensors", StringComparison.Ordinal));
        }

        await Eventually.UntilAsync(async () => (await ListAsync(pipeline)).Where(s => s.Kind == "humidity").All(s => s.Paused),
            "the humidity sensors report paused", TimeSpan.FromSeconds(30), poll: TimeSpan.FromMilliseconds(250));

        // Paused sensors flush what they hold, then store nothing more; the others go on.
        var paused = Humidity(StoredBySensor(pipeline));
        await Eventually.UntilAsync(
            () =>
            {
                var now = Humidity(StoredBySensor(pipeline));
                var settled = now.SequenceEqual(paused);
                paused = now;
                return settled;
            },
            "the humidity sensors stop storing", TimeSpan.FromSeconds(30), poll: TimeSpan.FromSeconds(2));
        var others = StoredBySensor(pipeline).Where(pair => !pair.Key.Contains("humidity", StringComparison.Ordinal)).ToDictionary(StringComparer.Ordinal);
        await Eventually.UntilAsync(
            () => StoredBySensor(pipeline).Where(pair => others.ContainsKey(pair.Key)).All(pair => pair.Value > others[pair.Key]),
            "the other sensors keep storing", TimeSpan.FromSeconds(30), poll: TimeSpan.FromMilliseconds(250));
        Assert.Equal(paused, Humidity(StoredBySensor(pipeline)));

        await using (var resume = pipeline.StartDashboard("resume", "command", "resume", "--kind", "humidity"))
        {
            Assert.Equal(0, await resume.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        }

        await Eventually.UntilAsync(
            () => Humidity(StoredBySensor(pipeline)).Zip(paused).All(pair => pair.First.Value > pair.Second.Value),
            "the humidity sensors store again after resume", TimeSpan.FromSeconds(30), poll: TimeSpan.FromMilliseconds(250));

        static List<KeyValuePair<string, long>> Humidity(Dictionary<string, long> stored) =>
            [.. stored.Where(pair => pair.Key.Contains("humidity", StringComparison.Ordinal)).OrderBy(pair => pair.Key, StringComparer.Ordinal)];
    }

    private static Dictionary<string, long> StoredBySensor(Pipeline pipeline) =>
        pipeline.Stored.BySensor().ToDictionary(pair => pair.Key, pair => pair.Value.Readings, StringComparer.Ordinal);

    private static bool IsAbout(double rate, double expected) => Math.Abs(rate - expected) <= expected * 0.1;

    /// <summary>Runs <c>Dashboard config list --json</c>.</summary>
    private static async Task<List<ListedSensor>> ListAsync(Pipeline pipeline)
    {
        await using var list = pipeline.StartDashboard("config-list", "config", "list", "--json");
        if (await list.WaitForExitAsync(TimeSpan.FromSeconds(60)) != 0)
        {
            throw new InvalidOperationException("config list failed:\n" + list.Output);
        }

        return [.. list.Lines.Where(line => line.StartsWith('{')).Select(ListedSensor.Parse)];
    }

    private sealed record ListedSensor(string SensorId, string Kind, ulong Desired, ulong Reported, string State, bool Connected, bool Paused)
    {
        public static ListedSensor Parse(string line)
        {
            var json = JsonDocument.Parse(line).RootElement;
            return new ListedSensor(
                json.GetProperty("sensor_id").GetString()!,
                json.GetProperty("kind").GetString()!,
                json.GetProperty("desired_version").GetUInt64(),
                json.GetProperty("reported_version").GetUInt64(),
                json.GetProperty("state").GetString()!,
                json.GetProperty("connected").GetBoolean(),
                json.GetProperty("paused").GetBoolean());
        }
    }

    /// <summary>Each sensor's latest window line from a running <c>Dashboard --json</c>.</summary>
    private sealed class LatestWindows
    {
        private readonly ManagedProcess _dashboard;
        private readonly ConcurrentDictionary<string, Window> _latest = new(StringComparer.Ordinal);
        private int _read;

        public LatestWindows(ManagedProcess dashboard) => _dashboard = dashboard;

        public int Count => Refresh().Count;

        public bool All(Func<Window, bool> predicate) => Refresh().Values.All(predicate);

        public IEnumerable<Window> Where(Func<Window, bool> predicate) => Refresh().Values.Where(predicate);

        private ConcurrentDictionary<string, Window> Refresh()
        {
            var lines = _dashboard.Lines.ToArray();
            for (; _read < lines.Length; _read++)
            {
                if (!lines[_read].StartsWith('{'))
                {
                    continue;
                }

                var json = JsonDocument.Parse(lines[_read]).RootElement;
                if (json.GetProperty("type").GetString() == "window")
                {
                    var window = Window.Parse(json);
                    _latest[window.SensorId] = window;
                }
            }

            return _latest;
        }
    }

    private sealed record Window(string SensorId, string Kind, bool Closed, double Rate, bool InSync)
    {
        public static Window Parse(JsonElement json) => new(
            json.GetProperty("sensor_id").GetString()!,
            json.GetProperty("kind").GetString()!,
            json.GetProperty("closed").GetBoolean(),
            json.GetProperty("readings_per_second").GetDouble(),
            json.GetProperty("config_state").GetString() == "in_sync");
    }
}
