using System.Numerics.Tensors;

namespace Ingest.Collector.Aggregation;

/// <summary>The sum, minimum and maximum of some readings' values.</summary>
internal readonly record struct RunStatistics(double Sum, double Min, double Max)
{
    /// <summary>
    /// Vectorised (<see cref="TensorPrimitives"/>). Minimum and maximum are as <see cref="Math.Min(double, double)"/>
    /// and <see cref="Math.Max(double, double)"/> give them (−0 below +0). The sum adds in another order than one
    /// value after another: it usually differs in its last bits at most, but where values cancel (1e16, 1, −1e16)
    /// it can differ more; where the vectorised sum overflows, the values are added one after another instead.
    /// </summary>
    public static RunStatistics Of(ReadOnlySpan<double> values)
    {
        var sum = TensorPrimitives.Sum(values);
        if (!double.IsFinite(sum))
        {
            sum = 0;
            foreach (var value in values)
            {
                sum += value;
            }
        }

        return new RunStatistics(sum, TensorPrimitives.Min(values), TensorPrimitives.Max(values));
    }
}
