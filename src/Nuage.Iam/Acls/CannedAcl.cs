namespace Nuage.Iam.Acls;

/// <summary>
/// S3's canned ACLs, the values of x-amz-acl ("Access control list (ACL) overview", "Canned ACL"): each name stands
/// for a fixed list of grants.
/// </summary>
public static class CannedAcl
{
    public const string Private = "private";
    public const string PublicRead = "public-read";
    public const string PublicReadWrite = "public-read-write";
    public const string AuthenticatedRead = "authenticated-read";
    public const string AwsExecRead = "aws-exec-read";
    public const string BucketOwnerRead = "bucket-owner-read";
    public const string BucketOwnerFullControl = "bucket-owner-full-control";
    public const string LogDeliveryWrite = "log-delivery-write";

    /// <summary>Every canned ACL name, in the order of AWS's table.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        Private, PublicRead, PublicReadWrite, AwsExecRead, AuthenticatedRead, BucketOwnerRead, BucketOwnerFullControl,
        LogDeliveryWrite,
    ];

    /// <summary>The grants that <paramref name="name"/> stands for: those the name adds, then the owner's FULL_CONTROL.</summary>
    /// <param name="name">The x-amz-acl value; case-sensitive, as S3 spells it.</param>
    /// <param name="ownerAccountId">Who will own the bucket or object (the ACL's owner).</param>
    /// <param name="bucketOwnerAccountId">For an object: the bucket's owner. Null means the object's owner.</param>
    /// <param name="forBucket">Bucket ACLs ignore bucket-owner-read/-full-control ("S3 ignores it" on CreateBucket).</param>
    /// <param name="ownerDisplayName">The owner's display name; the account id when not given.</param>
    /// <exception cref="AclException">InvalidArgument for an unknown name, or log-delivery-write on an object.</exception>
    public static AccessControlList Expand(
        string name, string ownerAccountId, string? bucketOwnerAccountId, bool forBucket, string? ownerDisplayName = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(ownerAccountId);
        var owner = new AclOwner(ownerAccountId, ownerDisplayName ?? ownerAccountId);
        var grants = new List<AclGrant>();
        var bucketOwner = bucketOwnerAccountId ?? ownerAccountId;
        switch (name)
        {
            case Private:
                break;
            // AWS also grants READ to an EC2 canonical user, to fetch AMI bundles; Nuage has no EC2, so only the
            // owner's grant remains (docs/s3-acls.md).
            case AwsExecRead:
                break;
            case PublicRead:
                grants.Add(new AclGrant(AclGrantee.AllUsers, AclPermission.Read));
                break;
            case PublicReadWrite:
                grants.Add(new AclGrant(AclGrantee.AllUsers, AclPermission.Read));
                grants.Add(new AclGrant(AclGrantee.AllUsers, AclPermission.Write));
                break;
            case AuthenticatedRead:
                grants.Add(new AclGrant(AclGrantee.AuthenticatedUsers, AclPermission.Read));
                break;
            case BucketOwnerRead:
                AddBucketOwner(grants, forBucket, ownerAccountId, bucketOwner, AclPermission.Read);
                break;
            case BucketOwnerFullControl:
                AddBucketOwner(grants, forBucket, ownerAccountId, bucketOwner, AclPermission.FullControl);
                break;
            case LogDeliveryWrite when forBucket:
                // "The LogDelivery group gets WRITE and READ_ACP permissions on the bucket."
                grants.Add(new AclGrant(AclGrantee.LogDelivery, AclPermission.Write));
                grants.Add(new AclGrant(AclGrantee.LogDelivery, AclPermission.ReadAcp));
                break;
            case LogDeliveryWrite:
                throw new AclException(AclErrorCode.InvalidArgument, "The log-delivery-write canned ACL applies to buckets only.");
            default:
                throw new AclException(AclErrorCode.InvalidArgument, $"Invalid canned ACL: {name}");
        }

        // The owner's FULL_CONTROL comes last. Grant order carries no meaning in S3; this is the order Ceph RGW
        // answers, and ceph/s3-tests compares grant lists in that order (docs/s3-tests.md).
        grants.Add(new AclGrant(AclGrantee.CanonicalUser(owner.Id, owner.DisplayName), AclPermission.FullControl));
        return new AccessControlList(owner, grants);
    }

    public static bool IsKnown(string? name) => name is not null && Names.Contains(name, StringComparer.Ordinal);

    private static void AddBucketOwner(List<AclGrant> grants, bool forBucket, string owner, string bucketOwner, AclPermission permission)
    {
        // On a bucket, and when the writer owns the bucket, the owner's FULL_CONTROL already covers it: a second
        // grant to the same account would say nothing more.
        if (!forBucket && !string.Equals(owner, bucketOwner, StringComparison.Ordinal))
        {
            grants.Add(new AclGrant(AclGrantee.CanonicalUser(bucketOwner), permission));
        }
    }
}
