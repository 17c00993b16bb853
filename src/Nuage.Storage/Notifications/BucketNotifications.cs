using System.Collections.Concurrent;
using Nuage.Metadata;
using Nuage.Storage.Buckets;

namespace Nuage.Storage.Notifications;

/// <summary>
/// Every bucket's notification configuration, in memory: the commit path asks on each object change, inside the
/// writer's transaction, and a bucket without one must cost nothing there. Loaded from the bucket settings before the
/// server listens (<see cref="EventDispatcher"/>), changed only through <see cref="SetAsync"/> and forgotten with
/// its bucket. Each entry keeps the owner it was set by, so a bucket deleted and created again by someone else never
/// sends its events to the earlier owner's destinations.
/// </summary>
public sealed class BucketNotifications(IMetadataStore metadata)
{
    private readonly ConcurrentDictionary<string, (string Owner, NotificationConfiguration Configuration)> _byBucket = new(StringComparer.Ordinal);

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        foreach (var (bucket, json) in await metadata.ListBucketsWithSettingAsync(BucketSettingNames.Notification, cancellationToken).ConfigureAwait(false))
        {
            if (await metadata.GetBucketAsync(bucket, cancellationToken).ConfigureAwait(false) is { } row)
            {
                _byBucket[bucket] = (row.Owner, NotificationConfiguration.FromStored(json));
            }
        }
    }

    /// <summary>The configuration of <paramref name="bucket"/> (empty when none), as GetBucketNotificationConfiguration answers it.</summary>
    public NotificationConfiguration Get(string bucket) =>
        _byBucket.TryGetValue(bucket, out var entry) ? entry.Configuration : NotificationConfiguration.Empty;

    /// <summary>The rules of <paramref name="bucket"/> when it has any and still belongs to <paramref name="owner"/>.</summary>
    public bool TryGet(string bucket, string owner, out NotificationConfiguration configuration)
    {
        if (_byBucket.TryGetValue(bucket, out var entry) && entry.Owner == owner && entry.Configuration.Rules.Count > 0)
        {
            configuration = entry.Configuration;
            return true;
        }

        configuration = NotificationConfiguration.Empty;
        return false;
    }

    /// <summary>Stores the configuration as the bucket setting, then serves it; an empty one turns notifications off.</summary>
    public async Task SetAsync(string bucket, string owner, NotificationConfiguration configuration, CancellationToken cancellationToken)
    {
        string? stored = configuration.Rules.Count == 0 ? null : configuration.ToStored();
        await metadata.WriteAsync(tx => { tx.SetBucketSetting(bucket, BucketSettingNames.Notification, stored); return true; }, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            _byBucket.TryRemove(bucket, out _);
        }
        else
        {
            _byBucket[bucket] = (owner, configuration);
        }
    }

    /// <summary>The bucket is gone (its settings went with it).</summary>
    public void Forget(string bucket) => _byBucket.TryRemove(bucket, out _);
}
