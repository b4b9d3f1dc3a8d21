// Micro-benchmarks of the collector's hot paths. Run them in Release, from the repository root:
//
//   dotnet run -c Release --project bench/MicroBenchmarks -- --filter '*'
//
// A short smoke run (few iterations, numbers only indicative), here of the codec only:
//
//   dotnet run -c Release --project bench/MicroBenchmarks -- --job short --filter '*ChunkCodec*'
//
// `--job dry` runs each benchmark once, to check that they all work; `--list flat` lists them.
// Results go to BenchmarkDotNet.Artifacts/results in the working directory.
using BenchmarkDotNet.Running;

namespace Ingest.MicroBenchmarks;

/// <summary>Wiring only: BenchmarkDotNet picks the benchmarks of this assembly from the command line.</summary>
internal static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
