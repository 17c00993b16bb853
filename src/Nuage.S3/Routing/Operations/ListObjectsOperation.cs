namespace Nuage.S3.Routing.Operations;

/// <summary>ListObjects (version 1): marker paging. Prefix is "" when absent; Delimiter and Marker null when absent or empty.</summary>
public sealed record ListObjectsOperation(string Bucket, string Prefix, string? Delimiter, string? Marker, int MaxKeys, bool UrlEncode)
    : BucketOperation(Bucket)
{
    public override S3Action Action => S3Action.ListObjects;
}
