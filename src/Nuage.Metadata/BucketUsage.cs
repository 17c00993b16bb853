namespace Nuage.Metadata;

/// <summary>
/// What a bucket holds now: its current objects and the sum of their sizes (what a listing shows; unfinished
/// uploads excluded), and <see cref="StoredBytes"/>, the sizes of every version it keeps, noncurrent ones included.
/// </summary>
public readonly record struct BucketUsage(string Bucket, long Objects, long Bytes, long StoredBytes);
