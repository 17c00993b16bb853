namespace Nuage.Storage.Buckets;

using Nuage.Metadata;
using Nuage.Storage.Internal;

/// <summary>Buckets of this region (AWS CreateBucket, DeleteBucket, ListBuckets).</summary>
/// <param name="directory">The federation's bucket-name directory (docs/regions.md); null for a region on its own.</param>
/// <param name="nameLocks">Shared with the reconciling sweep of names (docs/regions.md, "Reconciling names").</param>
public sealed class BucketService(
    IMetadataStore metadata, StorageOptions options, Notifications.BucketNotifications? notifications = null, Directory.IBucketDirectory? directory = null,
    Directory.BucketNameLocks? nameLocks = null)
    : IBucketService
{
    private readonly BucketAccessCache _access = new();
    private readonly Directory.BucketNameLocks _nameLocks = nameLocks ?? new Directory.BucketNameLocks();

    public async Task<AccountUsage> GetAccountUsageAsync(string owner, CancellationToken cancellationToken)
    {
        var buckets = (await ListBucketsAsync(owner, cancellationToken).ConfigureAwait(false)).Select(b => b.Name).ToHashSet(StringComparer.Ordinal);
        var usage = await metadata.ReadUsageAsync(cancellationToken).ConfigureAwait(false);
        var mine = usage.Buckets.Where(u => buckets.Contains(u.Bucket))
            .Select(u => new BucketUsageSummary(u.Bucket, u.Objects, u.Bytes, u.StoredBytes))
            .OrderBy(u => u.Bucket, StringComparer.Ordinal)
            .ToList();
        return new AccountUsage(mine.Sum(u => u.StoredBytes), mine);
    }

    public Task<BucketInfo> CreateBucketAsync(string name, string owner, string? locationConstraint, CancellationToken cancellationToken) =>
        CreateBucketAsync(name, owner, locationConstraint, new Dictionary<string, string>(), cancellationToken);

    public async Task<BucketInfo> CreateBucketAsync(
        string name, string owner, string? locationConstraint, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (BucketNameRules.Check(name) is { } reason)
        {
            throw new StorageException(StorageErrorCode.InvalidBucketName, "The specified bucket is not valid. " + reason);
        }

        if (!string.IsNullOrEmpty(locationConstraint) && !string.Equals(locationConstraint, options.Region, StringComparison.Ordinal))
        {
            throw new StorageException(
                StorageErrorCode.IllegalLocationConstraint,
                $"The {locationConstraint} location constraint is incompatible for the region specific endpoint this request was sent to.");
        }

        if (directory is null)
        {
            return await CreateLocalBucketAsync(name, owner, settings, cancellationToken).ConfigureAwait(false);
        }

        // From the claim to the local insert the name is locked against this region's reconciling sweep, which would
        // otherwise see a claimed name without a bucket and release it.
        using var locked = await _nameLocks.AcquireAsync(name, cancellationToken).ConfigureAwait(false);

        // In a federation the name is claimed at the control region first (names are global), then the bucket is made
        // here; a local create that fails gives a new claim back, so a name is never held by a bucket that does not exist.
        var claim = await directory.ClaimAsync(name, owner, options.Region, forNewBucket: true, cancellationToken).ConfigureAwait(false);
        if (claim is Directory.BucketClaimOutcome.OwnerUnknown)
        {
            throw new StorageException(StorageErrorCode.AccountUnknown, "The AWS Access Key Id you provided does not exist in our records.");
        }

        if (claim is Directory.BucketClaimOutcome.OwnedByYouElsewhere)
        {
            throw new StorageException(StorageErrorCode.BucketAlreadyOwnedByYou, "Your previous request to create the named bucket succeeded and you already own it.");
        }

        if (claim is Directory.BucketClaimOutcome.TakenByOther)
        {
            throw new StorageException(StorageErrorCode.BucketAlreadyExists, "The requested bucket name is not available. The bucket namespace is shared by all users of the system.");
        }

        try
        {
            return await CreateLocalBucketAsync(name, owner, settings, cancellationToken).ConfigureAwait(false);
        }
        catch when (claim is Directory.BucketClaimOutcome.Claimed)
        {
            await ReleaseQuietlyAsync(name).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<BucketInfo> CreateLocalBucketAsync(
        string name, string owner, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        // The existence check and the insert are one unit of work, so two racing creators cannot both succeed.
        var row = await metadata.WriteAsync(
            tx =>
            {
                // "When you create a bucket with Object Lock enabled, Amazon S3 automatically enables versioning for
                // the bucket" (AWS "Configuring S3 Object Lock"): versioning is on from the bucket's first write.
                var candidate = new BucketRow(name, owner, options.Region, tx.Now)
                {
                    Versioning = settings.ContainsKey(BucketSettingNames.ObjectLock) ? BucketVersioning.Enabled : BucketVersioning.Unversioned,
                };
                if (tx.InsertBucket(candidate))
                {
                    foreach (var (setting, value) in settings)
                    {
                        tx.SetBucketSetting(name, setting, value);
                    }

                    return candidate;
                }

                var existing = tx.GetBucket(name)!;
                throw string.Equals(existing.Owner, owner, StringComparison.Ordinal)
                    ? new StorageException(StorageErrorCode.BucketAlreadyOwnedByYou, "Your previous request to create the named bucket succeeded and you already own it.")
                    : new StorageException(StorageErrorCode.BucketAlreadyExists, "The requested bucket name is not available. The bucket namespace is shared by all users of the system.");
            },
            cancellationToken).ConfigureAwait(false);
        _access.Invalidate(name);
        return ToInfo(row);
    }

    public async Task<BucketInfo?> GetBucketAsync(string name, CancellationToken cancellationToken)
    {
        var row = await metadata.GetBucketAsync(name, cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToInfo(row);
    }

    public async Task<IReadOnlyList<BucketInfo>> ListBucketsAsync(string owner, CancellationToken cancellationToken)
    {
        var rows = await metadata.ListBucketsAsync(owner, cancellationToken).ConfigureAwait(false);
        var result = new BucketInfo[rows.Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = ToInfo(rows[i]);
        }

        return directory is null ? result : await WithOtherRegionsAsync(owner, result, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// ListBuckets in a federation shows the account's buckets of every region, each with its BucketRegion, from the
    /// control region's registry. Buckets of this region come from here in any case (those made before the region
    /// joined a federation are in no registry), and when the control region is out of reach they are all there is.
    /// </summary>
    private async Task<IReadOnlyList<BucketInfo>> WithOtherRegionsAsync(string owner, BucketInfo[] local, CancellationToken cancellationToken)
    {
        IReadOnlyList<Directory.BucketPlacement> registered;
        try
        {
            registered = await directory!.ListAsync(owner, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException e) when (e.Code == StorageErrorCode.ServiceUnavailable)
        {
            return local;
        }

        var here = local.Select(b => b.Name).ToHashSet(StringComparer.Ordinal);
        return local
            .Concat(registered
                .Where(p => !here.Contains(p.Name) && !string.Equals(p.Region, options.Region, StringComparison.Ordinal))
                .Select(p => new BucketInfo(p.Name, p.Owner, p.Region, p.CreatedAt)))
            .OrderBy(b => b.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Gives this region's hold on a name back to the control region. Best effort: when the control region is out
    /// of reach the name stays held by this region (the same account can create it here again, which takes it up),
    /// and the request that got here is answered for what happened locally (docs/regions.md).
    /// </summary>
    private async Task ReleaseQuietlyAsync(string name)
    {
        try
        {
            await directory!.ReleaseAsync(name, options.Region, CancellationToken.None).ConfigureAwait(false);
        }
        catch (StorageException e) when (e.Code == StorageErrorCode.ServiceUnavailable)
        {
            // Held until released by a later delete here; see above.
        }
    }

    public async Task DeleteBucketAsync(string name, CancellationToken cancellationToken)
    {
        // Locked like a create, so the sweep's "no bucket here, release" and this delete's release stay in order.
        using var locked = directory is null ? null : await _nameLocks.AcquireAsync(name, cancellationToken).ConfigureAwait(false);
        try
        {
            await DeleteBucketRowAsync(name, cancellationToken).ConfigureAwait(false);
            if (directory is not null)
            {
                // After the local delete, never before: a name released first could be claimed elsewhere while the
                // bucket still exists here.
                await ReleaseQuietlyAsync(name).ConfigureAwait(false);
            }
        }
        finally
        {
            _access.Invalidate(name);
            notifications?.Forget(name);
        }
    }

    public ValueTask<BucketAccess?> GetAccessAsync(string name, CancellationToken cancellationToken) =>
        _access.GetAsync(name, async bucket =>
        {
            var row = await metadata.GetBucketAsync(bucket, cancellationToken).ConfigureAwait(false);
            if (row is null)
            {
                return null;
            }

            var settings = await metadata.GetBucketSettingsAsync(bucket, cancellationToken).ConfigureAwait(false);
            return new BucketAccess(row.Name, row.Owner, settings);
        });

    public async Task SetSettingAsync(string name, string setting, string? value, CancellationToken cancellationToken)
    {
        try
        {
            await metadata.WriteAsync(
                tx =>
                {
                    if (tx.GetBucket(name) is null)
                    {
                        throw Errors.NoSuchBucket(name);
                    }

                    tx.SetBucketSetting(name, setting, value);
                    return true;
                },
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _access.Invalidate(name);
        }
    }

    public Task SetVersioningAsync(string name, VersioningState state, CancellationToken cancellationToken)
    {
        // PutBucketVersioning accepts only Enabled and Suspended ("Status"): no request returns a bucket to unversioned.
        var stored = state switch
        {
            VersioningState.Enabled => BucketVersioning.Enabled,
            VersioningState.Suspended => BucketVersioning.Suspended,
            _ => throw new ArgumentOutOfRangeException(nameof(state), state, "A bucket cannot be made unversioned."),
        };
        return metadata.WriteAsync(
            tx =>
            {
                var bucket = tx.GetBucket(name) ?? throw Errors.NoSuchBucket(name);

                // Suspending a bucket that was never versioned leaves it with the same behaviour (null versions only),
                // and AWS answers GetBucketVersioning "Suspended" for it afterwards: the state is recorded as given.
                if (bucket.Versioning != stored)
                {
                    tx.SetBucketVersioning(name, stored);
                }

                return true;
            },
            cancellationToken);
    }

    private Task<bool> DeleteBucketRowAsync(string name, CancellationToken cancellationToken) =>
        metadata.WriteAsync(
            tx =>
            {
                if (tx.GetBucket(name) is null)
                {
                    throw Errors.NoSuchBucket(name);
                }

                if (tx.BucketHasObjects(name))
                {
                    throw new StorageException(StorageErrorCode.BucketNotEmpty, "The bucket you tried to delete is not empty.");
                }

                // AWS DeleteBucket requires only the objects to be gone: unfinished multipart uploads are deleted with
                // the bucket (observed on AWS, ceph/ceph#15630, scality/cloudserver#1591). Doing it in this unit of
                // work means no upload outlives its bucket, and the part blobs go to the garbage table in the same
                // commit, so the collector reclaims them (DESIGN.md invariant 2). A part upload racing with this
                // finds its upload gone at its own commit, answers NoSuchUpload and deletes its blob.
                tx.DeleteUploadsOfBucket(name);
                return tx.DeleteBucket(name);
            },
            cancellationToken);

    private static BucketInfo ToInfo(BucketRow row) => new(row.Name, row.Owner, row.Region, row.CreatedAt)
    {
        Versioning = row.Versioning switch
        {
            BucketVersioning.Enabled => VersioningState.Enabled,
            BucketVersioning.Suspended => VersioningState.Suspended,
            _ => VersioningState.Unversioned,
        },
    };
}
