namespace Nuage.Storage.Buckets;

public interface IBucketService
{
    /// <summary>
    /// Creates a bucket owned by <paramref name="owner"/> in this region. <paramref name="locationConstraint"/> is the
    /// client's LocationConstraint (null or empty means this region). Throws StorageException with
    /// InvalidBucketName, IllegalLocationConstraint, BucketAlreadyOwnedByYou or BucketAlreadyExists.
    /// </summary>
    Task<BucketInfo> CreateBucketAsync(string name, string owner, string? locationConstraint, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="CreateBucketAsync(string, string, string?, CancellationToken)"/>, with the bucket's initial
    /// settings (<see cref="BucketSettingNames"/>) written in the same transaction: no request ever sees the bucket
    /// without them.
    /// </summary>
    Task<BucketInfo> CreateBucketAsync(
        string name, string owner, string? locationConstraint, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken);

    /// <summary>The bucket, or null when there is none of that name.</summary>
    Task<BucketInfo?> GetBucketAsync(string name, CancellationToken cancellationToken);

    /// <summary>Buckets owned by <paramref name="owner"/>, by name in byte order.</summary>
    Task<IReadOnlyList<BucketInfo>> ListBucketsAsync(string owner, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the bucket. Throws NoSuchBucket, or BucketNotEmpty when an object remains. Unfinished multipart
    /// uploads do not keep a bucket: as on AWS, they are deleted with it, in the same transaction, and their parts
    /// are reclaimed by the garbage collector.
    /// </summary>
    Task DeleteBucketAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// The account's usage, bucket by bucket, from the usage rows every commit keeps current (one small read, however
    /// many objects there are).
    /// </summary>
    Task<AccountUsage> GetAccountUsageAsync(string owner, CancellationToken cancellationToken);

    /// <summary>PutBucketVersioning: sets the bucket's state to Enabled or Suspended. Throws NoSuchBucket.</summary>
    Task SetVersioningAsync(string name, VersioningState state, CancellationToken cancellationToken);

    /// <summary>The bucket's owner and settings for authorization, from memory after the first read; null when there is no such bucket.</summary>
    ValueTask<BucketAccess?> GetAccessAsync(string name, CancellationToken cancellationToken);

    /// <summary>Sets one setting of the bucket (<see cref="BucketSettingNames"/>), or removes it when <paramref name="value"/> is null. Throws NoSuchBucket.</summary>
    Task SetSettingAsync(string name, string setting, string? value, CancellationToken cancellationToken);
}
