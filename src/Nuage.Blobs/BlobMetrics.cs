namespace Nuage.Blobs;

using Nuage.Telemetry;
using Prometheus;

/// <summary>The blob store's figures (docs/metrics.md, "Engine"): bytes to and from disk, damaged reads, fsyncs.</summary>
internal sealed class BlobMetrics(NuageMetrics metrics)
{
    /// <summary>Bytes written to blob files, framing and checksums included (what the disk sees).</summary>
    public Counter Written { get; } = metrics.Counter("nuage_blob_written_bytes_total", "Bytes written to blob files, block checksums and headers included.");

    /// <summary>Bytes read from blob files, framing and checksums included.</summary>
    public Counter Read { get; } = metrics.Counter("nuage_blob_read_bytes_total", "Bytes read from blob files, block checksums included.");

    public Counter.Child ChecksumFailures { get; } = Telemetry.ChecksumFailures.Of(metrics, Telemetry.ChecksumFailures.Blob);

    public Histogram.Child FileFsync { get; } = StorageFsync.Of(metrics, StorageFsync.BlobFile);

    public Histogram.Child DirectoryFsync { get; } = StorageFsync.Of(metrics, StorageFsync.Directory);
}
