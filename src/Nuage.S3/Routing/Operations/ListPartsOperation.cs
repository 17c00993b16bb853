namespace Nuage.S3.Routing.Operations;

public sealed record ListPartsOperation(string Bucket, string Key, string UploadId, int PartNumberMarker, int MaxParts)
    : ObjectOperation(Bucket, Key)
{
    public override S3Action Action => S3Action.ListParts;
}
