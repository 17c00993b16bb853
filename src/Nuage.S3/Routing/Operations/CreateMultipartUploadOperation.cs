namespace Nuage.S3.Routing.Operations;

public sealed record CreateMultipartUploadOperation(string Bucket, string Key) : ObjectOperation(Bucket, Key)
{
    public override S3Action Action => S3Action.CreateMultipartUpload;
}
