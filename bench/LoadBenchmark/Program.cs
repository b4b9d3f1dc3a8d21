// The load benchmark: ./bench.sh builds the collector and this program in Release and runs it.
//
//   dotnet bench/LoadBenchmark/bin/Release/net10.0/Ingest.LoadBenchmark.dll [--sensors 20] [--seconds 10] [--batch-sizes 10,100,1000] ...
//   dotnet bench/LoadBenchmark/bin/Release/net10.0/Ingest.LoadBenchmark.dll --scale [--scale-sensors 10000] [--scale-seconds 60]
//
// --help lists every option. Results go to bench-results/ (results.md, results.json, throughput.png, logs/).
using Ingest.LoadBenchmark.CommandLine;
using Ingest.LoadBenchmark.Fleet;
using Ingest.LoadBenchmark.Hosting;
using Ingest.LoadBenchmark.Runs;

if (args.Length > 0 && args[0] == FleetWorkerSettings.Verb)
{
    // A generator process of the fleet run, started by it (see FleetWorker).
    return await FleetWorker.RunAsync(args, CancellationToken.None);
}

using var signals = ShutdownSignals.Register(() =>
{
    LiveCollectors.TerminateAll();
    LiveDatabaseServers.StopAll();
});
var runner = new BenchmarkRunner(Console.Out, Console.Error, TimeProvider.System);
return await BenchmarkCommandLine.InvokeAsync(args, runner.RunAsync, Console.Out, Console.Error, signals.Token);
