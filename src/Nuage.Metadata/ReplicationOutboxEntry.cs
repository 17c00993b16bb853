namespace Nuage.Metadata;

/// <summary>
/// One version (or delete marker) waiting to reach the destination bucket of one replication rule (schema 019),
/// written in the transaction of the version's commit. <paramref name="CreatedAt"/> is that commit's time: the lag
/// and the oldest pending write are measured from it.
/// </summary>
public sealed record ReplicationOutboxEntry(
    long Seq,
    string Bucket,
    string Key,
    string VersionId,
    string RuleId,
    string DestinationBucket,
    bool IsDeleteMarker,
    long Size,
    DateTimeOffset CreatedAt,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    string? LastError)
{
    /// <summary>
    /// A change of the version's tags, ACL, retention or legal hold (schema 024), not the version itself: the worker
    /// sends the version's metadata as it is then to the destination's same version.
    /// </summary>
    public bool MetadataOnly { get; init; }
}
