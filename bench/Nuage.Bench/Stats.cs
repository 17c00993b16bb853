namespace Nuage.Bench;

/// <summary>
/// Order statistics of a handful of samples (round throughputs, scrape times). Medians rather than means: on a
/// shared two-core machine one round slowed by a neighbour would drag a mean, not a median.
/// </summary>
public static class Stats
{
    /// <summary>Nearest rank, as <see cref="LatencyRecorder"/> reports p50 and p99, so the figures compare.</summary>
    public static double Percentile(IEnumerable<double> samples, double p)
    {
        double[] sorted = [.. samples];
        Array.Sort(sorted);
        return sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
    }

    /// <summary>The middle sample, or the mean of the middle two for an even count (rounds default to six).</summary>
    public static double Median(IEnumerable<double> samples)
    {
        double[] sorted = [.. samples];
        Array.Sort(sorted);
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    public static double Max(IEnumerable<double> samples) => samples.DefaultIfEmpty(double.NaN).Max();
}
