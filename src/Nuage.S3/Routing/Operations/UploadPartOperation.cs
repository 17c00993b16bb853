namespace Nuage.S3.Routing.Operations;

public sealed record UploadPartOperation(string Bucket, string Key, string UploadId, int PartNumber) : ObjectOperation(Bucket, Key)
{
    public override S3Action Action => S3Action.UploadPart;
}
