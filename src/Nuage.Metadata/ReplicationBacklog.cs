namespace Nuage.Metadata;

/// <summary>
/// What waits for one replication rule of one bucket: versions and bytes not yet pushed, the commit time of the
/// oldest of them (the recovery point if the region were lost now), and how many of them have failed at least once.
/// </summary>
public sealed record ReplicationBacklog(
    string Bucket, string RuleId, string DestinationBucket, long Objects, long Bytes, DateTimeOffset OldestCreatedAt, long Retrying);
