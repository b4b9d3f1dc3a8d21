using System.CommandLine;
using System.CommandLine.Parsing;
using Ingest.LoadBenchmark.Load;
using Ingest.ServiceDefaults.CommandLine;

namespace Ingest.LoadBenchmark.CommandLine;

/// <summary>
/// The benchmark's command line: one root command whose options become <see cref="BenchmarkSettings"/>.
/// Parsing errors are reported on standard error with exit code 1.
/// </summary>
internal static class BenchmarkCommandLine
{
    /// <summary>Parses <paramref name="args"/> and runs <paramref name="run"/> with the settings they give.</summary>
    public static Task<int> InvokeAsync(
        string[] args, Func<BenchmarkSettings, CancellationToken, Task<int>> run, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        CommandLineInvocation.InvokeAsync(Create(run).Parse(args), output, error, cancellationToken);

    /// <summary>The root command; its action hands the parsed settings to <paramref name="run"/>.</summary>
    public static RootCommand Create(Func<BenchmarkSettings, CancellationToken, Task<int>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var defaults = new BenchmarkSettings();
        var sensors = Positive("--sensors", "Concurrent sensors of each throughput run", defaults.Sensors, "N");
        var seconds = Positive("--seconds", "Measured seconds of each throughput run, after a 2 s warm-up that is not counted", (int)defaults.Duration.TotalSeconds, "T");
        var batchSizes = new Option<IReadOnlyList<int>>("--batch-sizes")
        {
            Description = "Readings per batch, comma-separated; ceiling and full runs (--rounds of each) for each",
            HelpName = "sizes",
            DefaultValueFactory = _ => defaults.BatchSizes,
            CustomParser = result => Parse(result, ListArguments.ParseBatchSizes) ?? [],
        };
        var rounds = Positive(
            "--rounds",
            "Times each ceiling and full run is made per batch size, interleaved, each going first in turn (ceiling, full, full, ceiling, …), each on a fresh collector; " +
            "the report shows and judges the median round by readings/s (odd numbers recommended: an even count takes the lower middle). " +
            "The naive run is made once: its target (200×) is far from the line",
            defaults.Rounds,
            "N");
        var windowBatches = Positive("--window-batches", "Batches per Upload stream before it is completed and acknowledged", defaults.WindowBatches, "N");
        var halfLoadWindowBatches = Positive(
            "--half-load-window-batches", "Batches per Upload stream of the half-load run, few so that per-batch ack latency is what a sensor sees", defaults.HalfLoadWindowBatches, "N");
        var patterns = new Option<IReadOnlyList<LoadPattern>>("--patterns")
        {
            Description = "Patterns to run, comma-separated: naive (one unary Write per reading), ceiling (Sink.Discard), full (Ingestion.Upload)",
            HelpName = "list",
            DefaultValueFactory = _ => defaults.Patterns,
            CustomParser = result => Parse(result, ListArguments.ParsePatterns) ?? [],
        };
        var engines = new Option<IReadOnlyList<StorageEngine>>("--engines")
        {
            Description =
                "Storage engines of the full runs, comma-separated: sqlite (every batch size), postgres (1,000-reading batches only, a row per --collectors entry, " +
                "on a PostgreSQL cluster the benchmark starts under the storage directory, a fresh database per run; needs PostgreSQL's server programs)",
            HelpName = "list",
            DefaultValueFactory = _ => defaults.Engines,
            CustomParser = result => Parse(result, ListArguments.ParseEngines) ?? [],
        };
        var collectors = new Option<IReadOnlyList<int>>("--collectors")
        {
            Description = "With --engines postgres: how many collectors share the one database, comma-separated, a row each; the sensors are split evenly over them",
            HelpName = "counts",
            DefaultValueFactory = _ => defaults.PostgresCollectors,
            CustomParser = result => Parse(result, ListArguments.ParseCollectorCounts) ?? [],
        };
        var halfLoad = new Option<bool>("--half-load")
        {
            Description = "After the full runs, a rate-limited full run at half the readings/s of the median 1,000-reading full round (else of the fastest full run by its median), for ack latency, " +
                "on SQLite and (with --engines postgres) on PostgreSQL with one collector at half its own peak; --half-load false or --no-half-load turns it off [default: true]",
            DefaultValueFactory = _ => defaults.HalfLoad,
        };
        var noHalfLoad = new Option<bool>("--no-half-load") { Description = "Skip the half-load run" };
        var scale = new Option<bool>("--scale") { Description = "Run only the scale run: many sensors at 1 Hz with their control streams open" };
        var scaleSensors = Positive("--scale-sensors", "Connected sensors of the scale run", defaults.ScaleSensors, "N");
        var scaleSeconds = Positive("--scale-seconds", "Measured seconds of the scale run, from 10 s after the last sensor connected", (int)defaults.ScaleDuration.TotalSeconds, "T");
        var fleet = new Option<IReadOnlyList<int>>("--fleet")
        {
            Description = "Run only the fleet run at these sizes, comma-separated (e.g. 1000,5000,15000): every sensor on its own connection, 1 Hz, control streams open; " +
                "writes fleet.md, fleet.json and fleet.png",
            HelpName = "sizes",
            CustomParser = result => Parse(result, ListArguments.ParseFleetSizes) ?? [],
        };
        var fleetSeconds = Positive("--fleet-seconds", "Measured seconds of each fleet size, from 10 s after all connected", (int)defaults.FleetDuration.TotalSeconds, "T");
        var tls = new Option<bool>("--tls") { Description = "The fleet's collector serves TLS, with an ECDSA P-256 certificate made for the run" };
        var fleetRate = Positive("--fleet-connect-rate", "New connections a second over the whole fleet while it connects", defaults.FleetConnectPerSecond, "N");
        var fleetPerWorker = Positive("--fleet-sensors-per-worker", "Sensors per generator process at most (each process's open files are limited)", defaults.FleetSensorsPerWorker, "N");
        var fleetRestart = new Option<bool>("--fleet-restart")
        {
            Description = "After each fleet size's window, restart the collector as systemctl restart does (SIGTERM, wait for exit, start again on the same port and storage) " +
                "with the sensors running, and measure the reconnect storm: until every sensor is welcomed and acknowledged again (at most 120 s)",
        };
        var collectorArgument = new Option<string[]>("--collector-arg")
        {
            Description = "An extra argument for the fleet's collector, e.g. --collector-arg=--Collector:Connections:MaxConnections=20000 (repeatable)",
            HelpName = "arg",
            AllowMultipleArgumentsPerToken = false,
        };
        var collectorEnvironment = new Option<string[]>("--collector-env")
        {
            Description = "An extra environment variable NAME=VALUE for the fleet's collector, e.g. DOTNET_GCConserveMemory=5 (repeatable)",
            HelpName = "NAME=VALUE",
        };
        var output = new Option<string>("--out")
        {
            Description = "Directory for results.md, results.json, throughput.png and logs/",
            HelpName = "dir",
            DefaultValueFactory = _ => defaults.OutputDirectory,
        };
        var storageDirectory = new Option<string>("--storage-dir")
        {
            Description = "Where the collectors' fresh storage goes, a directory per run deleted after it; not /tmp, which may be tmpfs, where fsync costs nothing [default: <out>/storage]",
            HelpName = "dir",
        };
        var collectorDll = new Option<string>("--collector-dll")
        {
            Description = "The collector to start, by default the Release build in this repository",
            HelpName = "path",
            DefaultValueFactory = _ => RepositoryLayout.DefaultCollectorDll(),
        };

        var root = new RootCommand(
            "Ingest load benchmark: starts the collector on fresh storage for each run and measures, on this machine, " +
            "the naive pattern (one unary call per reading), the transport ceiling (Sink.Discard) and the full pipeline " +
            "(Ingestion.Upload), the last two in --rounds interleaved rounds judged by their median: acknowledged readings/s, " +
            "batches/s, ack latency, collector CPU and memory. Writes " +
            "results.md, results.json and throughput.png. --scale runs the scale run instead.")
        {
            sensors, seconds, batchSizes, rounds, windowBatches, halfLoadWindowBatches, patterns, engines, collectors, halfLoad, noHalfLoad, scale, scaleSensors, scaleSeconds,
            fleet, fleetSeconds, tls, fleetRate, fleetPerWorker, fleetRestart, collectorArgument, collectorEnvironment, output, storageDirectory, collectorDll,
        };
        root.Validators.Add(result =>
        {
            if (Parsed(result, engines) is { } chosenEngines && chosenEngines.Contains(StorageEngine.Postgres)
                && Parsed(result, batchSizes) is { } chosenSizes && !chosenSizes.Contains(BenchmarkSettings.PostgresBatchSize))
            {
                result.AddError($"--engines postgres runs with {BenchmarkSettings.PostgresBatchSize:N0}-reading batches only: add {BenchmarkSettings.PostgresBatchSize} to --batch-sizes");
            }
        });
        root.SetAction((parsed, cancellationToken) => run(
            new BenchmarkSettings
            {
                Sensors = parsed.GetValue(sensors),
                Duration = TimeSpan.FromSeconds(parsed.GetValue(seconds)),
                BatchSizes = parsed.GetValue(batchSizes) ?? defaults.BatchSizes,
                Rounds = parsed.GetValue(rounds),
                WindowBatches = parsed.GetValue(windowBatches),
                HalfLoadWindowBatches = parsed.GetValue(halfLoadWindowBatches),
                Patterns = parsed.GetValue(patterns) ?? defaults.Patterns,
                Engines = parsed.GetValue(engines) ?? defaults.Engines,
                PostgresCollectors = parsed.GetValue(collectors) ?? defaults.PostgresCollectors,
                HalfLoad = parsed.GetValue(halfLoad) && !parsed.GetValue(noHalfLoad),
                Scale = parsed.GetValue(scale),
                ScaleSensors = parsed.GetValue(scaleSensors),
                ScaleDuration = TimeSpan.FromSeconds(parsed.GetValue(scaleSeconds)),
                Fleet = parsed.GetValue(fleet) ?? [],
                FleetDuration = TimeSpan.FromSeconds(parsed.GetValue(fleetSeconds)),
                FleetTls = parsed.GetValue(tls),
                FleetConnectPerSecond = parsed.GetValue(fleetRate),
                FleetSensorsPerWorker = parsed.GetValue(fleetPerWorker),
                FleetRestart = parsed.GetValue(fleetRestart),
                CollectorArguments = parsed.GetValue(collectorArgument) ?? [],
                CollectorEnvironment = (parsed.GetValue(collectorEnvironment) ?? []).Select(e => e.Split('=', 2)).Where(p => p.Length == 2)
                    .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal),
                OutputDirectory = parsed.GetValue(output) ?? defaults.OutputDirectory,
                StorageDirectory = parsed.GetValue(storageDirectory) ?? "",
                CollectorDll = parsed.GetValue(collectorDll) ?? "",
            },
            cancellationToken));
        return root;
    }

    private delegate T? ListParser<T>(string text, out string? error)
        where T : class;

    private static T? Parse<T>(ArgumentResult result, ListParser<T> parser)
        where T : class
    {
        var text = string.Join(',', result.Tokens.Select(token => token.Value));
        var value = parser(text, out var error);
        if (error is not null)
        {
            result.AddError(error);
        }

        return value;
    }

    /// <summary>The value of <paramref name="option"/> (its default when left out); null when it did not parse, which its own error says.</summary>
    private static T? Parsed<T>(CommandResult result, Option<T> option)
        where T : class
    {
        try
        {
            return result.GetValue(option);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static Option<int> Positive(string name, string description, int defaultValue, string helpName)
    {
        var option = new Option<int>(name)
        {
            Description = description,
            HelpName = helpName,
            DefaultValueFactory = _ => defaultValue,
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError($"{name} must be at least 1");
            }
        });
        return option;
    }
}
