using Nuage.S3.ObjectLock;
using Nuage.Iam.Acls;
using Nuage.S3.Errors;
using Nuage.S3.Http;
using Nuage.S3.Routing;
using Nuage.Storage.Objects;

namespace Nuage.S3.Authorization;

/// <summary>
/// Who owns an object being written and which ACL it gets, from the bucket's Object Ownership and the request's
/// ACL headers ("Controlling ownership of objects"): with ACLs disabled (BucketOwnerEnforced) the bucket owner
/// owns it and only an ACL granting the bucket owner full control is accepted (AccessControlListNotSupported
/// otherwise); with ACLs enabled a public ACL is refused while BlockPublicAcls is on.
/// </summary>
public sealed class WriteAccess(BucketViews views, AccountNames names)
{
    /// <summary>
    /// The new object's owner, ACL and <paramref name="tags"/> (stored with them in the same commit), or null when the
    /// bucket does not exist (the write answers NoSuchBucket).
    /// </summary>
    /// <remarks>
    /// The new version's Object Lock retention and legal hold are decided here too, from the x-amz-object-lock-*
    /// headers or the bucket's default retention (<see cref="ObjectLockRequestHeaders"/>).
    /// </remarks>
    public async ValueTask<ObjectAccess?> DecideAsync(S3RequestContext context, string bucketName, RequestAcl? requested, string? tags = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var bucket = await views.GetAsync(bucketName, context.Aborted);
        if (bucket is null)
        {
            return null;
        }

        var locked = ObjectLockRequestHeaders.Decide(context.Request.Headers, bucket.ObjectLock, DateTimeOffset.UtcNow);
        return DecideOwner(context, bucket, requested) with { Tags = tags, Lock = locked };
    }

    private ObjectAccess DecideOwner(S3RequestContext context, BucketView bucket, RequestAcl? requested)
    {
        var writer = context.Principal?.AccountId ?? bucket.Owner;
        var owner = ObjectOwnershipRules.ObjectOwner(bucket.Ownership, writer, bucket.Owner, requested?.Canned);
        if (requested is null)
        {
            return owner == bucket.Owner ? ObjectAccess.Default : new ObjectAccess(owner, null);
        }

        var acl = requested.Expand(names.Owner(owner), bucket.Owner, forBucket: false);
        Check(bucket, acl, requested.Canned);
        return new ObjectAccess(owner == bucket.Owner ? null : owner, bucket.AclsEnabled ? acl.ToJson() : null);
    }

    /// <summary>The checks every ACL written to this bucket or its objects passes: ACLs enabled (or a harmless one), not public while blocked.</summary>
    /// <param name="canned">The x-amz-acl name the ACL came from, if it came from one.</param>
    public static void Check(BucketView bucket, AccessControlList acl, string? canned)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        ArgumentNullException.ThrowIfNull(acl);
        if (!bucket.AclsEnabled)
        {
            // Of the canned ACLs only bucket-owner-full-control is accepted ("Disabling ACLs": "specify bucket owner
            // full control ACLs, such as the bucket-owner-full-control canned ACL"); private is refused like the rest.
            if ((canned is not null && canned != CannedAcl.BucketOwnerFullControl)
                || !ObjectOwnershipRules.IsAcceptedWhileAclsDisabled(acl, bucket.Owner))
            {
                throw new S3Exception(S3Error.AccessControlListNotSupported);
            }

            return;
        }

        if (bucket.EffectivePublicAccessBlock.BlockPublicAcls && AclPublicity.IsPublic(acl))
        {
            throw new S3Exception(S3Error.AccessDenied, "Access Denied: Block Public Access (BlockPublicAcls) forbids public ACLs on this bucket.");
        }
    }
}
