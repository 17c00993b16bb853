using System.Collections.Concurrent;
using Nuage.Metadata;

namespace Nuage.Storage.Replication;

/// <summary>
/// What the replication worker has done since this server started, per bucket and rule (pushes, the last lag,
/// failures, the last error), joined with what waits in the outbox (read from the store at each call) into
/// <see cref="ReplicationRuleState"/>: the one source of the admin API, <c>nuage admin regions</c> and /metrics.
/// </summary>
public sealed class ReplicationProgress(IMetadataStore metadata, BucketReplications replications, TimeProvider? time = null)
{
    private readonly ConcurrentDictionary<(string Bucket, string Rule), Counters> _byRule = new();
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public void Replicated(string bucket, string rule, TimeSpan lag)
    {
        var c = For(bucket, rule);
        Interlocked.Increment(ref c.Replicated);
        c.LastLagSeconds = lag.TotalSeconds;
    }

    public void Retried(string bucket, string rule, string error)
    {
        var c = For(bucket, rule);
        Interlocked.Increment(ref c.Retried);
        c.LastError = error;
    }

    public void Refused(string bucket, string rule, string error)
    {
        var c = For(bucket, rule);
        Interlocked.Increment(ref c.Refused);
        c.LastError = error;
    }

    /// <summary>Every configured rule, and every rule that still has versions waiting (its configuration may be gone).</summary>
    public async Task<IReadOnlyList<ReplicationRuleState>> ReadAsync(CancellationToken cancellationToken)
    {
        var backlog = (await metadata.ReadReplicationBacklogAsync(cancellationToken).ConfigureAwait(false))
            .ToDictionary(b => (b.Bucket, b.RuleId));
        var now = _time.GetUtcNow();
        var states = new List<ReplicationRuleState>();
        var seen = new HashSet<(string, string)>();
        foreach (var (bucket, configuration) in replications.All())
        {
            foreach (var rule in configuration.Rules)
            {
                seen.Add((bucket, rule.Id));
                states.Add(State(bucket, rule.Id, rule.Enabled, rule.DestinationBucket, backlog.GetValueOrDefault((bucket, rule.Id)), now));
            }
        }

        foreach (var waiting in backlog.Values.Where(b => !seen.Contains((b.Bucket, b.RuleId))))
        {
            states.Add(State(waiting.Bucket, waiting.RuleId, false, waiting.DestinationBucket, waiting, now));
        }

        return states;
    }

    private ReplicationRuleState State(string bucket, string rule, bool enabled, string destination, ReplicationBacklog? waiting, DateTimeOffset now)
    {
        _byRule.TryGetValue((bucket, rule), out var c);
        return new ReplicationRuleState(
            bucket, rule, enabled, destination, waiting?.Objects ?? 0, waiting?.Bytes ?? 0,
            waiting is null ? 0 : Math.Max(0, (now - waiting.OldestCreatedAt).TotalSeconds),
            c?.LastLagSeconds, c?.Replicated ?? 0, c?.Retried ?? 0, c?.Refused ?? 0, c?.LastError);
    }

    private Counters For(string bucket, string rule) => _byRule.GetOrAdd((bucket, rule), _ => new Counters());

    private sealed class Counters
    {
        public long Replicated;
        public long Retried;
        public long Refused;
        public double? LastLagSeconds;
        public string? LastError;
    }
}
