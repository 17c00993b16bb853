namespace Nuage.S3.Routing.Operations;

public sealed record AbortMultipartUploadOperation(string Bucket, string Key, string UploadId) : ObjectOperation(Bucket, Key)
{
    public override S3Action Action => S3Action.AbortMultipartUpload;
}
