using System.Numerics.Tensors;

namespace Ingest.Collector.Aggregation;

/// <summary>The sum, minimum and maximum of some readings' values.</summary>
internal readonly record struct RunStatistics(double Sum, double Min, double Max)
{
    /// <summary>
    /// Vectorised (<see cref="TensorPrimitives"/>). Minimum and maximum are as <see cref="Math.Min(double, double)"/>
    /// and <see cref="Math.Max(double, double)"/> give them (−0 below +0); the sum adds in another order than one
    /// value after another, so its last bits may differ from that.
    /// </summary>
    public static RunStatistics Of(ReadOnlySpan<double> values) =>
        new(TensorPrimitives.Sum(values), TensorPrimitives.Min(values), TensorPrimitives.Max(values));
}
