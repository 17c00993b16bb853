namespace Nuage.Metadata.Sqlite;

using Nuage.Telemetry;
using Prometheus;

/// <summary>
/// The group-commit writer's figures (docs/metrics.md, "Engine"): how many writes share a commit, how long the
/// commit's durable write takes, and how many writes are waiting for the writer.
/// </summary>
internal sealed class GroupCommitMetrics
{
    public GroupCommitMetrics(NuageMetrics metrics, Func<int> queueDepth)
    {
        BatchSize = metrics.Histogram(
            "nuage_metadata_commit_batch_writes", "Units of work committed together by one group commit (one WAL fsync).",
            MetricBuckets.BatchSize);
        // With synchronous=FULL the COMMIT returns once the WAL is fsynced: its duration is the metadata fsync latency.
        CommitDuration = StorageFsync.Of(metrics, StorageFsync.MetadataCommit);
        Commits = metrics.Counter("nuage_metadata_commits_total", "Metadata transactions committed.");
        FailedWrites = metrics.Counter("nuage_metadata_failed_writes_total", "Units of work that failed and were rolled back alone or with their batch.");
        var depth = metrics.Gauge("nuage_metadata_commit_queue_writes", "Units of work waiting for the metadata writer.");
        metrics.OnScrape(() => depth.Set(queueDepth()));
    }

    public Histogram BatchSize { get; }

    public Histogram.Child CommitDuration { get; }

    public Counter Commits { get; }

    public Counter FailedWrites { get; }
}
