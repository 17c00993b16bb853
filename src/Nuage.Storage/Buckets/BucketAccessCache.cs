namespace Nuage.Storage.Buckets;

/// <summary>
/// Bucket owners and settings in memory, so authorizing a request costs no metadata read. An entry is dropped
/// when its bucket is created, deleted or reconfigured on this node; a load that raced with such a change is not
/// kept (the version check under the lock), so a change is seen by every request that starts after it commits.
/// One node only: several nodes per region will need the change broadcast (DESIGN.md "Blob store").
/// </summary>
internal sealed class BucketAccessCache
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, BucketAccess?> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _versions = new(StringComparer.Ordinal);

    public async ValueTask<BucketAccess?> GetAsync(string bucket, Func<string, Task<BucketAccess?>> load)
    {
        long version;
        lock (_lock)
        {
            if (_entries.TryGetValue(bucket, out var cached))
            {
                return cached;
            }

            version = _versions.GetValueOrDefault(bucket);
        }

        var loaded = await load(bucket).ConfigureAwait(false);
        lock (_lock)
        {
            if (_versions.GetValueOrDefault(bucket) == version)
            {
                _entries[bucket] = loaded;
            }
        }

        return loaded;
    }

    /// <summary>Call after a change to the bucket has committed.</summary>
    public void Invalidate(string bucket)
    {
        lock (_lock)
        {
            _versions[bucket] = _versions.GetValueOrDefault(bucket) + 1;
            _entries.Remove(bucket);
        }
    }
}
