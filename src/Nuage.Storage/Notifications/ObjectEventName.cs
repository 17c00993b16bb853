namespace Nuage.Storage.Notifications;

/// <summary>
/// The object events Nuage reports, by their S3 names without the "s3:" prefix ("Event notification types and
/// destinations", "Supported event types"). A configuration names them with the prefix, and may end one with "*"
/// for every event of that group (s3:ObjectCreated:*).
/// </summary>
public static class ObjectEventName
{
    public const string Put = "ObjectCreated:Put";
    public const string Post = "ObjectCreated:Post";
    public const string Copy = "ObjectCreated:Copy";
    public const string CompleteMultipartUpload = "ObjectCreated:CompleteMultipartUpload";
    public const string Delete = "ObjectRemoved:Delete";
    public const string DeleteMarkerCreated = "ObjectRemoved:DeleteMarkerCreated";
    public const string LifecycleDelete = "LifecycleExpiration:Delete";
    public const string LifecycleDeleteMarkerCreated = "LifecycleExpiration:DeleteMarkerCreated";

    /// <summary>
    /// Every event type S3 accepts in a configuration (so a configuration written for S3 is accepted here), including
    /// the ones Nuage never sends because it has nothing that causes them (restores, replication, Intelligent-Tiering).
    /// </summary>
    public static readonly IReadOnlySet<string> Accepted = new HashSet<string>(StringComparer.Ordinal)
    {
        "s3:ObjectCreated:*", "s3:ObjectCreated:Put", "s3:ObjectCreated:Post", "s3:ObjectCreated:Copy",
        "s3:ObjectCreated:CompleteMultipartUpload", "s3:ObjectRemoved:*", "s3:ObjectRemoved:Delete",
        "s3:ObjectRemoved:DeleteMarkerCreated", "s3:ObjectRestore:*", "s3:ObjectRestore:Post",
        "s3:ObjectRestore:Completed", "s3:ObjectRestore:Delete", "s3:ReducedRedundancyLostObject", "s3:Replication:*",
        "s3:Replication:OperationFailedReplication", "s3:Replication:OperationNotTracked",
        "s3:Replication:OperationMissedThreshold", "s3:Replication:OperationReplicatedAfterThreshold",
        "s3:LifecycleExpiration:*", "s3:LifecycleExpiration:Delete", "s3:LifecycleExpiration:DeleteMarkerCreated",
        "s3:LifecycleTransition", "s3:IntelligentTiering", "s3:ObjectTagging:*", "s3:ObjectTagging:Put",
        "s3:ObjectTagging:Delete", "s3:ObjectAcl:Put",
    };

    /// <summary>Whether the configured <paramref name="pattern"/> (s3:Group:Name or s3:Group:*) covers <paramref name="eventName"/>.</summary>
    public static bool Covers(string pattern, string eventName)
    {
        const string Prefix = "s3:";
        if (!pattern.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var name = pattern.AsSpan(Prefix.Length);
        return name.EndsWith(":*", StringComparison.Ordinal)
            ? eventName.AsSpan().StartsWith(name[..^1], StringComparison.Ordinal)
            : name.SequenceEqual(eventName);
    }
}
