namespace Nuage.S3.Routing.Operations;

/// <summary>PutBucketAcl: the ACL from the headers, or (when <paramref name="Acl"/> is null) from the AccessControlPolicy body.</summary>
public sealed record PutBucketAclOperation(string Bucket, RequestAcl? Acl) : BucketOperation(Bucket)
{
    public override S3Action Action => S3Action.PutBucketAcl;
}
