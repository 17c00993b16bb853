using Nuage.Metadata;
using Nuage.Telemetry;
using Prometheus;

namespace Nuage.Iot.Rules;

/// <summary>
/// Per-rule figures (docs/iot-rules.md "Metrics"), labelled rule="account/name": messages on the rule's topics,
/// those its condition matched, batches written, errors; spool depth and the oldest unflushed message's age are read
/// from the spool at scrape time.
/// </summary>
public sealed class RuleMetrics : IMetricsSource
{
    private readonly Gauge _depth;
    private readonly Gauge _oldest;

    public RuleMetrics(NuageMetrics metrics, IMetadataStore store, TimeProvider time)
    {
        In = metrics.Counter("nuage_iot_rule_messages_in_total", "Messages published on a topic the rule's filter matches.", "rule");
        Matched = metrics.Counter("nuage_iot_rule_messages_matched_total", "Messages the rule's condition matched (its actions ran).", "rule");
        Batches = metrics.Counter("nuage_iot_rule_batches_written_total", "Batch objects the rule wrote to its bucket.", "rule");
        Errors = metrics.Counter("nuage_iot_rule_errors_total", "Failed actions (spool, batch write, republish) of the rule.", "rule", "kind");
        _depth = metrics.Gauge("nuage_iot_rule_spool_messages", "Messages spooled for the rule and not yet removed after their batch was written.", "rule");
        _oldest = metrics.Gauge("nuage_iot_rule_oldest_unflushed_age_seconds", "Age of the rule's oldest spooled message not yet in a batch (0: none).", "rule");
        metrics.OnScrape(async ct =>
        {
            var now = time.GetUtcNow();
            foreach (string[] labels in _depth.GetAllLabelValues().ToList())
            {
                _depth.WithLabels(labels).Set(0);
                _oldest.WithLabels(labels).Set(0);
            }

            foreach (var stats in await store.ReadIotSpoolStatsAsync(ct).ConfigureAwait(false))
            {
                string rule = Label(stats.AccountId, stats.RuleName);
                _depth.WithLabels(rule).Set(stats.Depth);
                _oldest.WithLabels(rule).Set(stats.Waiting > 0 ? Math.Max(0, (now - stats.OldestAt).TotalSeconds) : 0);
            }
        });
    }

    public Counter In { get; }

    public Counter Matched { get; }

    public Counter Batches { get; }

    public Counter Errors { get; }

    public static string Label(string accountId, string ruleName) => accountId + "/" + ruleName;
}
