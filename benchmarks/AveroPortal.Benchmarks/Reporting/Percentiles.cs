using System.Diagnostics;

namespace AveroPortal.Benchmarks.Reporting;

/// <summary>Latency summary of a set of samples, in milliseconds (nearest-rank percentiles).</summary>
internal sealed record Percentiles(int Count, double P50, double P95, double P99, double Max)
{
    public static Percentiles Of(IEnumerable<long> stopwatchTicks)
    {
        var sorted = stopwatchTicks.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new Percentiles(0, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        return new Percentiles(sorted.Length, At(sorted, 0.50), At(sorted, 0.95), At(sorted, 0.99), Milliseconds(sorted[^1]));
    }

    private static double At(long[] sorted, double fraction) =>
        Milliseconds(sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)]);

    public static double Milliseconds(long stopwatchTicks) => stopwatchTicks * 1000.0 / Stopwatch.Frequency;
}
