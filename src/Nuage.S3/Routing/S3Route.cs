namespace Nuage.S3.Routing;

/// <summary>
/// A request resolved to one operation on a bucket and key (both already percent-decoded). Bucket is null for
/// service-level requests (ListBuckets); Key is null for bucket-level requests.
/// </summary>
public sealed record S3Route(S3Action Action, string? Bucket, string? Key);
