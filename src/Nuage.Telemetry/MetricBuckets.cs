namespace Nuage.Telemetry;

/// <summary>Histogram bucket bounds shared by every layer, so the same kind of figure is comparable across families.</summary>
public static class MetricBuckets
{
    /// <summary>
    /// Request and I/O latencies in seconds: 100 µs to 30 s. A 4 KiB PUT on a laptop takes ~1-3 ms and an fsync
    /// 0.1-10 ms, so the low end is fine-grained; multi-gigabyte transfers land in the last buckets.
    /// </summary>
    public static readonly double[] LatencySeconds =
        [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    /// <summary>Counts of things handled together, such as writes per group commit: powers of two up to 512 (the batch cap).</summary>
    public static readonly double[] BatchSize = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512];
}
