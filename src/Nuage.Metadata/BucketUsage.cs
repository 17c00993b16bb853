namespace Nuage.Metadata;

/// <summary>What a bucket holds now: its current objects and the sum of their sizes (unfinished uploads excluded).</summary>
public readonly record struct BucketUsage(string Bucket, long Objects, long Bytes);
