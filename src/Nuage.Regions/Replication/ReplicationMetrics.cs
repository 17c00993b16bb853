using Nuage.Storage.Replication;
using Nuage.Telemetry;

namespace Nuage.Regions.Replication;

/// <summary>
/// Replication in /metrics (docs/metrics.md), per rule (label rule="bucket/rule-id"): the backlog (versions and bytes waiting),
/// the age of the oldest pending write (the recovery point if this region were lost now), counted at each scrape from
/// the outbox; the lag of each push (seconds from the commit here to the commit at the destination), pushes and bytes
/// replicated, and failed attempts (retried) and refusals (the version FAILED) of <see cref="ReplicationWorker"/>.
/// </summary>
public sealed class ReplicationMetrics : IMetricsSource
{
    private static readonly double[] LagBuckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600];

    private readonly Prometheus.Counter _replicated;
    private readonly Prometheus.Counter _bytes;
    private readonly Prometheus.Counter _failures;
    private readonly Prometheus.Histogram _lag;
    private readonly Prometheus.Gauge _backlogObjects;
    private readonly Prometheus.Gauge _backlogBytes;
    private readonly Prometheus.Gauge _oldest;
    private readonly HashSet<(string, string)> _shown = [];

    public ReplicationMetrics(ReplicationProgress progress, NuageMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(metrics);
        _replicated = metrics.Counter("nuage_replication_replicated_total", "Versions and delete markers pushed to a rule's destination bucket.", "rule");
        _bytes = metrics.Counter("nuage_replication_replicated_bytes_total", "Bytes of the versions pushed to a rule's destination bucket.", "rule");
        _failures = metrics.Counter(
            "nuage_replication_failures_total", "Failed pushes: kind=retry is tried again, kind=permanent left the version FAILED.", "rule", "kind");
        _lag = metrics.Histogram(
            "nuage_replication_lag_seconds", "Seconds from a version's commit in this region to its commit in the destination's.", LagBuckets, "rule");
        _backlogObjects = metrics.Gauge("nuage_replication_backlog_objects", "Versions and delete markers waiting to be pushed.", "rule");
        _backlogBytes = metrics.Gauge("nuage_replication_backlog_bytes", "Bytes of the versions waiting to be pushed.", "rule");
        _oldest = metrics.Gauge(
            "nuage_replication_oldest_pending_seconds", "Age of the oldest version waiting to be pushed: what this region would lose if it were lost now.", "rule");
        metrics.OnScrape(async cancellationToken =>
        {
            var states = await progress.ReadAsync(cancellationToken).ConfigureAwait(false);
            lock (_shown)
            {
                var now = new HashSet<(string, string)>();
                foreach (var s in states)
                {
                    now.Add((s.Bucket, s.RuleId));
                    _backlogObjects.WithLabels(Label(s.Bucket, s.RuleId)).Set(s.BacklogObjects);
                    _backlogBytes.WithLabels(Label(s.Bucket, s.RuleId)).Set(s.BacklogBytes);
                    _oldest.WithLabels(Label(s.Bucket, s.RuleId)).Set(s.OldestPendingSeconds);
                }

                // A rule removed with nothing left waiting leaves the gauges rather than showing a stale figure.
                foreach (var (bucket, rule) in _shown.Where(k => !now.Contains(k)))
                {
                    _backlogObjects.RemoveLabelled(Label(bucket, rule));
                    _backlogBytes.RemoveLabelled(Label(bucket, rule));
                    _oldest.RemoveLabelled(Label(bucket, rule));
                }

                _shown.Clear();
                _shown.UnionWith(now);
            }
        });
    }

    public void Replicated(string bucket, string rule, TimeSpan lag, long bytes)
    {
        _replicated.WithLabels(Label(bucket, rule)).Inc();
        _bytes.WithLabels(Label(bucket, rule)).Inc(bytes);
        _lag.WithLabels(Label(bucket, rule)).Observe(Math.Max(0, lag.TotalSeconds));
    }

    public void Failed(string bucket, string rule, bool permanent) => _failures.WithLabels(Label(bucket, rule), permanent ? "permanent" : "retry").Inc();

    /// <summary>
    /// A replication rule as the label "rule" holds it, "bucket/rule-id": rules are set by bucket owners through
    /// PutBucketReplication and at most 1,000 per bucket (the bounded label of docs/metrics.md, as IoT rules are).
    /// </summary>
    private static string Label(string bucket, string rule) => bucket + "/" + rule;
}
