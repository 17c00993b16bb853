namespace Nuage.Storage.Buckets;

/// <summary>Names of the bucket settings the front doors store (one row each in the metadata store when set).</summary>
public static class BucketSettingNames
{
    /// <summary>The bucket policy, as the JSON the owner put.</summary>
    public const string Policy = "policy";

    /// <summary>The bucket's ACL (Nuage.Iam.Acls JSON).</summary>
    public const string Acl = "acl";

    /// <summary>ObjectOwnership of the ownership controls (BucketOwnerEnforced, BucketOwnerPreferred, ObjectWriter).</summary>
    public const string Ownership = "ownership";

    /// <summary>The bucket's PublicAccessBlockConfiguration (JSON).</summary>
    public const string PublicAccessBlock = "public-access-block";

    /// <summary>The bucket's CORSConfiguration (S3 XML, as the S3 door renders it).</summary>
    public const string Cors = "cors";

    /// <summary>The bucket's tag set, in the x-amz-tagging query-string form (Nuage.S3 TagSet).</summary>
    public const string Tagging = "tagging";

    /// <summary>
    /// The bucket's ObjectLockConfiguration (S3 XML, as the S3 door renders it). Present means Object Lock is
    /// enabled; it is never removed (AWS: Object Lock cannot be disabled), and a bucket created with it is versioned.
    /// </summary>
    public const string ObjectLock = "object-lock";

    /// <summary>The bucket's lifecycle configuration (Nuage.Storage.Lifecycle.LifecycleConfiguration JSON).</summary>
    public const string Lifecycle = "lifecycle";

    /// <summary>The bucket's default encryption, its SSEAlgorithm ("AES256"); absent: objects are stored as sent.</summary>
    public const string Encryption = "encryption";

    /// <summary>
    /// The bucket's server access logging configuration (S3 XML BucketLoggingStatus, as the S3 door renders it);
    /// absent: requests on the bucket are not logged.
    /// </summary>
    public const string Logging = "logging";

    /// <summary>The bucket's event notification configuration (Nuage.Storage.Notifications.NotificationConfiguration JSON).</summary>
    public const string Notification = "notification";

    /// <summary>The bucket's replication configuration (Nuage.Storage.Replication.ReplicationConfiguration JSON).</summary>
    public const string Replication = "replication";

    /// <summary>Set ("1") on a bucket once replication has written a replica into it, so its reads show x-amz-replication-status.</summary>
    public const string Replicas = "replicas";
}
