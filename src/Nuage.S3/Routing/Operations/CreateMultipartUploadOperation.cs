namespace Nuage.S3.Routing.Operations;

/// <summary>CreateMultipartUpload; <paramref name="Acl"/> is the completed object's ACL.</summary>
public sealed record CreateMultipartUploadOperation(string Bucket, string Key, RequestAcl? Acl = null) : ObjectOperation(Bucket, Key)
{
    public override S3Action Action => S3Action.CreateMultipartUpload;
}
