namespace Nuage.Storage.Maintenance;

using Nuage.Metadata;
using Nuage.Telemetry;

/// <summary>
/// Per-bucket objects, bytes and stored bytes (every version), and the collector's backlog, read at each scrape from the usage the metadata store
/// keeps current in every commit (schema 005): one small query, whatever the buckets hold. A deleted bucket's
/// series are removed, so the per-bucket families only ever have a series per existing bucket.
/// </summary>
public sealed class UsageMetrics : IMetricsSource
{
    private readonly IMetadataStore _metadata;
    private readonly Prometheus.Gauge _objects;
    private readonly Prometheus.Gauge _bytes;
    private readonly Prometheus.Gauge _storedBytes;
    private readonly Prometheus.Gauge _backlog;
    private HashSet<string> _published = new(StringComparer.Ordinal);

    public UsageMetrics(IMetadataStore metadata, NuageMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        _metadata = metadata;
        _objects = metrics.PerBucketGauge("nuage_bucket_objects", "Objects currently in the bucket.");
        _bytes = metrics.PerBucketGauge("nuage_bucket_bytes", "Sum of the sizes of the bucket's current objects (unfinished uploads excluded).");
        _storedBytes = metrics.PerBucketGauge(
            "nuage_bucket_stored_bytes", "Sum of the sizes of every version the bucket keeps, noncurrent versions included (what its disk holds).");
        _backlog = metrics.Gauge("nuage_collector_backlog_blobs", "Blob files no longer referenced, waiting for the collector to delete them.");
        metrics.OnScrape(UpdateAsync);
    }

    private async Task UpdateAsync(CancellationToken cancellationToken)
    {
        var usage = await _metadata.ReadUsageAsync(cancellationToken).ConfigureAwait(false);
        _backlog.Set(usage.GarbageBlobs);
        var current = new HashSet<string>(StringComparer.Ordinal);
        foreach (var bucket in usage.Buckets)
        {
            current.Add(bucket.Bucket);
            _objects.WithLabels(bucket.Bucket).Set(bucket.Objects);
            _bytes.WithLabels(bucket.Bucket).Set(bucket.Bytes);
            _storedBytes.WithLabels(bucket.Bucket).Set(bucket.StoredBytes);
        }

        foreach (var gone in _published)
        {
            if (!current.Contains(gone))
            {
                _objects.RemoveLabelled(gone);
                _bytes.RemoveLabelled(gone);
                _storedBytes.RemoveLabelled(gone);
            }
        }

        _published = current;
    }
}
