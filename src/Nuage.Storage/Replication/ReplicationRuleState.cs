namespace Nuage.Storage.Replication;

/// <summary>
/// One replication rule as the admin API and <c>nuage admin regions</c> show it: where it sends, what waits
/// (versions, bytes, the age of the oldest pending write: the recovery point if this region were lost now), how far
/// behind the last push was (seconds from commit here to commit there), and its failures since this server started
/// (attempts that will be retried, and versions refused for good, which are FAILED).
/// </summary>
public sealed record ReplicationRuleState(
    string Bucket,
    string RuleId,
    bool Enabled,
    string DestinationBucket,
    long BacklogObjects,
    long BacklogBytes,
    double OldestPendingSeconds,
    double? LastLagSeconds,
    long Replicated,
    long RetriedFailures,
    long PermanentFailures,
    string? LastError);
