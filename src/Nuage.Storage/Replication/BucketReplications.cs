using System.Collections.Concurrent;
using Nuage.Metadata;
using Nuage.Storage.Buckets;

namespace Nuage.Storage.Replication;

/// <summary>
/// Every bucket's replication configuration, in memory: the commit path asks on each object change, inside the
/// writer's transaction, and a bucket without one must cost nothing there. Loaded from the bucket settings before the
/// server listens, changed only through <see cref="SetAsync"/>. Each entry keeps the owner it was set by, so a bucket
/// deleted and created again by someone else never replicates to the earlier owner's destinations.
/// </summary>
public sealed class BucketReplications(IMetadataStore metadata)
{
    private readonly ConcurrentDictionary<string, (string Owner, ReplicationConfiguration Configuration)> _byBucket = new(StringComparer.Ordinal);

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        foreach (var (bucket, json) in await metadata.ListBucketsWithSettingAsync(BucketSettingNames.Replication, cancellationToken).ConfigureAwait(false))
        {
            if (await metadata.GetBucketAsync(bucket, cancellationToken).ConfigureAwait(false) is { } row)
            {
                _byBucket[bucket] = (row.Owner, ReplicationConfiguration.FromStored(json));
            }
        }
    }

    /// <summary>The configuration of <paramref name="bucket"/>, or null when it has none (GetBucketReplication).</summary>
    public ReplicationConfiguration? Get(string bucket) => _byBucket.TryGetValue(bucket, out var entry) ? entry.Configuration : null;

    /// <summary>The configuration of <paramref name="bucket"/> when it has one and still belongs to <paramref name="owner"/>.</summary>
    public bool TryGet(string bucket, string owner, out ReplicationConfiguration configuration)
    {
        if (_byBucket.TryGetValue(bucket, out var entry) && entry.Owner == owner)
        {
            configuration = entry.Configuration;
            return true;
        }

        configuration = null!;
        return false;
    }

    /// <summary>Every bucket with a configuration (the admin API's and the metrics' list of rules).</summary>
    public IReadOnlyList<KeyValuePair<string, ReplicationConfiguration>> All() =>
        _byBucket.Select(e => new KeyValuePair<string, ReplicationConfiguration>(e.Key, e.Value.Configuration)).OrderBy(e => e.Key, StringComparer.Ordinal).ToList();

    /// <summary>Stores the configuration as the bucket setting, then serves it; null removes it (DeleteBucketReplication).</summary>
    public async Task SetAsync(string bucket, string owner, ReplicationConfiguration? configuration, CancellationToken cancellationToken)
    {
        string? stored = configuration?.ToStored();
        await metadata.WriteAsync(tx => { tx.SetBucketSetting(bucket, BucketSettingNames.Replication, stored); return true; }, cancellationToken).ConfigureAwait(false);
        if (configuration is null)
        {
            _byBucket.TryRemove(bucket, out _);
        }
        else
        {
            _byBucket[bucket] = (owner, configuration);
        }
    }
}
