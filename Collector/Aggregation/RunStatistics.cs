using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Ingest.Collector.Aggregation;

/// <summary>The sum, minimum and maximum of some readings' values.</summary>
internal readonly record struct RunStatistics(double Sum, double Min, double Max)
{
    /// <summary>
    /// One pass over the values, four at a time where the hardware allows. Minimum and maximum are
    /// <see cref="Math.Min(double, double)"/>'s and <see cref="Math.Max(double, double)"/>'s (−0 below +0); the
    /// sum adds in a different order than one value after another, so its last bits may differ from that.
    /// </summary>
    public static RunStatistics Of(ReadOnlySpan<double> values)
    {
        double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        var i = 0;
        if (Vector256.IsHardwareAccelerated && values.Length >= 2 * Vector256<double>.Count)
        {
            ref var first = ref MemoryMarshal.GetReference(values);
            var sums = Vector256<double>.Zero;
            var mins = Vector256.Create(double.PositiveInfinity);
            var maxes = Vector256.Create(double.NegativeInfinity);
            for (; i <= values.Length - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var chunk = Vector256.LoadUnsafe(ref first, (nuint)i);
                sums += chunk;
                mins = Vector256.Min(mins, chunk);
                maxes = Vector256.Max(maxes, chunk);
            }

            sum = Vector256.Sum(sums);
            for (var lane = 0; lane < Vector256<double>.Count; lane++)
            {
                min = Math.Min(min, mins.GetElement(lane));
                max = Math.Max(max, maxes.GetElement(lane));
            }
        }

        for (; i < values.Length; i++)
        {
            sum += values[i];
            min = Math.Min(min, values[i]);
            max = Math.Max(max, values[i]);
        }

        return new RunStatistics(sum, min, max);
    }
}
