using Nuage.Iam.Acls;

namespace Nuage.S3.Routing.Operations;

/// <summary>
/// CreateBucket; the CreateBucketConfiguration body is read by the handler. <paramref name="Acl"/> from x-amz-acl /
/// x-amz-grant-*, <paramref name="Ownership"/> from x-amz-object-ownership, when sent.
/// </summary>
public sealed record CreateBucketOperation(string Bucket, RequestAcl? Acl = null, ObjectOwnership? Ownership = null) : BucketOperation(Bucket)
{
    public override S3Action Action => S3Action.CreateBucket;

    /// <summary>x-amz-bucket-object-lock-enabled: true (the bucket is created versioned, with Object Lock).</summary>
    public bool ObjectLockEnabled { get; init; }
}
