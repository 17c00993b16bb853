namespace Nuage.Storage.Buckets;

/// <summary>
/// What an account stores: per bucket, its current objects and their bytes (what listings show) and every version's
/// bytes (<see cref="BucketUsageSummary.StoredBytes"/>, what the disk holds and what a storage quota counts), and the
/// account's total of those.
/// </summary>
public sealed record AccountUsage(long StoredBytes, IReadOnlyList<BucketUsageSummary> Buckets);

/// <summary>One bucket's figures in <see cref="AccountUsage"/>.</summary>
public sealed record BucketUsageSummary(string Bucket, long Objects, long Bytes, long StoredBytes);
