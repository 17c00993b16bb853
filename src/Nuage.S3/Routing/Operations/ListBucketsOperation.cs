namespace Nuage.S3.Routing.Operations;

/// <summary>ListBuckets with the optional paging of the API reference (prefix, max-buckets, continuation-token).</summary>
/// <param name="After">The decoded continuation token: the last bucket name of the previous page.</param>
public sealed record ListBucketsOperation(string? Prefix, int MaxBuckets, string? After) : S3Operation
{
    public override S3Action Action => S3Action.ListBuckets;
}
