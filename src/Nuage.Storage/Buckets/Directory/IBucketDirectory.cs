namespace Nuage.Storage.Buckets.Directory;

/// <summary>
/// The federation's directory of bucket names (issue 17, docs/regions.md): bucket names are global across the regions
/// of a federation, and the control region keeps the registry. A region without <c>--federation</c> has no directory
/// and checks names locally only. Only names, owners and regions go through it, never object data.
/// </summary>
public interface IBucketDirectory
{
    /// <summary>
    /// Claims <paramref name="name"/> for <paramref name="owner"/> in <paramref name="region"/>, atomically at the
    /// control region: of two regions racing for one name exactly one gets <see cref="BucketClaimOutcome.Claimed"/>.
    /// </summary>
    /// <param name="forNewBucket">
    /// A CreateBucket's claim: refused with <see cref="BucketClaimOutcome.OwnerUnknown"/> when the owner is no longer an
    /// account at the control region, checked in the same unit of work as the insert. A region authenticates from its
    /// copy of the accounts, which may still hold one just deleted; the deletion checks the registry in its own unit
    /// of work, so of a deletion and a claim racing, either the claim comes first and the deletion is refused
    /// (DeleteConflict), or the deletion does and the claim is. False for the sweep's registration of a bucket the
    /// region had before it joined, whose owner may be an account of the region's own from then.
    /// </param>
    /// <exception cref="StorageException">ServiceUnavailable: the control region cannot be reached.</exception>
    Task<BucketClaimOutcome> ClaimAsync(string name, string owner, string region, bool forNewBucket, CancellationToken cancellationToken);

    /// <summary>Frees the name if <paramref name="region"/> holds it (after a local delete, or a failed local create).</summary>
    /// <exception cref="StorageException">ServiceUnavailable: the control region cannot be reached.</exception>
    Task ReleaseAsync(string name, string region, CancellationToken cancellationToken);

    /// <summary>Where the bucket lives, or null when no region holds the name.</summary>
    /// <exception cref="StorageException">ServiceUnavailable: the control region cannot be reached.</exception>
    Task<BucketPlacement?> LocateAsync(string name, CancellationToken cancellationToken);

    /// <summary>Every bucket the account holds in any region, in byte order of names.</summary>
    /// <exception cref="StorageException">ServiceUnavailable: the control region cannot be reached.</exception>
    Task<IReadOnlyList<BucketPlacement>> ListAsync(string owner, CancellationToken cancellationToken);

    /// <summary>The S3 endpoint of a region of the federation (for redirects), or null for a region it does not list.</summary>
    Uri? S3EndpointOf(string region);

    /// <summary>
    /// Every name the registry places in <paramref name="region"/>, in byte order: what the region's reconciling sweep
    /// compares with the buckets it has (docs/regions.md, "Reconciling names").
    /// </summary>
    /// <exception cref="StorageException">ServiceUnavailable: the control region cannot be reached.</exception>
    Task<IReadOnlyList<BucketPlacement>> ListInRegionAsync(string region, CancellationToken cancellationToken);
}
