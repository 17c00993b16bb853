namespace Nuage.S3.Routing.Operations;

/// <summary>
/// ListObjectsV2. <paramref name="ContinuationToken"/> is the token as sent (echoed in the result) and
/// <paramref name="After"/> the key listing resumes after: the decoded token, else start-after.
/// </summary>
public sealed record ListObjectsV2Operation(
    string Bucket,
    string Prefix,
    string? Delimiter,
    string? ContinuationToken,
    string? StartAfter,
    string? After,
    int MaxKeys,
    bool FetchOwner,
    bool UrlEncode) : BucketOperation(Bucket)
{
    public override S3Action Action => S3Action.ListObjectsV2;
}
