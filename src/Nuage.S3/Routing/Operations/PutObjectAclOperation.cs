namespace Nuage.S3.Routing.Operations;

/// <summary>PutObjectAcl: the ACL from the headers, or (when <paramref name="Acl"/> is null) from the AccessControlPolicy body.</summary>
public sealed record PutObjectAclOperation(string Bucket, string Key, string? VersionId, RequestAcl? Acl) : ObjectOperation(Bucket, Key)
{
    public override S3Action Action => S3Action.PutObjectAcl;
}
