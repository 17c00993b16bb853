using Nuage.Iam.Acls;

namespace Nuage.S3.AccessLogging;

/// <summary>
/// A bucket's LoggingEnabled element (PutBucketLogging): where its access log objects go and how they are named.
/// <paramref name="KeyFormat"/> is null when the client sent no TargetObjectKeyFormat (SimplePrefix applies, and
/// GetBucketLogging says so); <paramref name="DateSource"/> is set only for
/// PartitionedPrefix when the client named one (DeliveryTime applies otherwise).
/// </summary>
public sealed record AccessLogConfiguration(
    string TargetBucket,
    string TargetPrefix,
    IReadOnlyList<AclGrant> TargetGrants,
    AccessLogKeyFormat? KeyFormat,
    PartitionDateSource? DateSource)
{
    public bool IsPartitioned => KeyFormat == AccessLogKeyFormat.PartitionedPrefix;

    /// <summary>Whether the folder date is the requests' own (EventTime) rather than the delivery's.</summary>
    public bool PartitionsByEventTime => IsPartitioned && DateSource == PartitionDateSource.EventTime;
}
