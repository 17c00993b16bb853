using Prometheus;

namespace Nuage.Telemetry;

/// <summary>
/// One family for every fsync the engine waits on, by what it made durable, so an operator compares the metadata
/// WAL, blob files and directory entries on one graph: nuage_storage_fsync_duration_seconds{target}.
/// </summary>
public static class StorageFsync
{
    public const string MetadataCommit = "metadata_commit";
    public const string BlobFile = "blob_file";
    public const string Directory = "directory";

    public static Histogram.Child Of(NuageMetrics metrics, string target)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return metrics.Histogram(
                "nuage_storage_fsync_duration_seconds",
                "Time to make a write durable, by target: metadata_commit (a group commit's WAL fsync), blob_file, directory.",
                MetricBuckets.LatencySeconds, "target")
            .WithLabels(target);
    }
}
