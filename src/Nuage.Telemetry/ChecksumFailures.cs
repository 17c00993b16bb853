using Prometheus;

namespace Nuage.Telemetry;

/// <summary>
/// Stored data found damaged when read back (a block checksum, a blob's header or length, an inline body's
/// checksum): nuage_storage_checksum_failures_total{kind}. Any non-zero rate means a disk is failing; the data
/// was never served (DESIGN.md invariant 6).
/// </summary>
public static class ChecksumFailures
{
    public const string Blob = "blob";
    public const string Inline = "inline";

    public static Counter.Child Of(NuageMetrics metrics, string kind)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return metrics.Counter(
                "nuage_storage_checksum_failures_total",
                "Stored data that failed its integrity check when read, by kind: blob (block checksum, header, length) or inline (body kept in the metadata row).",
                "kind")
            .WithLabels(kind);
    }
}
