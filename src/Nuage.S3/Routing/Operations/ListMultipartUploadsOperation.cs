namespace Nuage.S3.Routing.Operations;

public sealed record ListMultipartUploadsOperation(
    string Bucket,
    string Prefix,
    string? Delimiter,
    string? KeyMarker,
    string? UploadIdMarker,
    int MaxUploads,
    bool UrlEncode) : BucketOperation(Bucket)
{
    public override S3Action Action => S3Action.ListMultipartUploads;
}
