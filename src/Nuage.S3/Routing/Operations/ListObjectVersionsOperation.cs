namespace Nuage.S3.Routing.Operations;

public sealed record ListObjectVersionsOperation(
    string Bucket,
    string Prefix,
    string? Delimiter,
    string? KeyMarker,
    string? VersionIdMarker,
    int MaxKeys,
    bool UrlEncode) : BucketOperation(Bucket)
{
    public override S3Action Action => S3Action.ListObjectVersions;
}
