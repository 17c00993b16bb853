using Nuage.Iam.Acls;
using Nuage.Iam.Policies;
using Nuage.S3.Cors;
using Nuage.S3.Tagging;

namespace Nuage.S3.Authorization;

/// <summary>
/// A bucket's access settings, parsed once per stored version: owner, policy (and whether it is public), Object
/// Ownership, ACL, the effective Block Public Access (the bucket's combined with its owner account's) and the CORS
/// configuration and the tag set, so a cross-origin request or a GetBucketTagging costs no metadata read and no parse.
/// A bucket created before these settings existed has none stored: ACLs enabled (ObjectWriter), a private ACL,
/// no public access block — what S3 buckets were before April 2023.
/// </summary>
public sealed record BucketView(
    string Name,
    string Owner,
    PolicyDocument? Policy,
    bool PolicyIsPublic,
    ObjectOwnership Ownership,
    bool OwnershipConfigured,
    AccessControlList Acl,
    PublicAccessBlockConfiguration? BucketPublicAccessBlock,
    PublicAccessBlockConfiguration EffectivePublicAccessBlock,
    CorsConfiguration? Cors,
    TagSet? Tags)
{
    public bool AclsEnabled => ObjectOwnershipRules.AclsEnabled(Ownership);

    /// <summary>The Object Lock configuration; null when the bucket does not have Object Lock.</summary>
    public ObjectLock.ObjectLockConfiguration? ObjectLock { get; init; }

    /// <summary>The lifecycle configuration; null when the bucket has none.</summary>
    public Nuage.Storage.Lifecycle.LifecycleConfiguration? Lifecycle { get; init; }

    /// <summary>The server access logging configuration; null when requests on the bucket are not logged.</summary>
    public AccessLogging.AccessLogConfiguration? Logging { get; init; }
}
