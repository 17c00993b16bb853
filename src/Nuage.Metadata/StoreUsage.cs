namespace Nuage.Metadata;

/// <summary>
/// Usage figures the store keeps current in the same transactions that change them, so reading them costs one
/// small query however many objects there are: every bucket's usage and the blobs waiting for the collector.
/// </summary>
public sealed record StoreUsage(IReadOnlyList<BucketUsage> Buckets, long GarbageBlobs);
