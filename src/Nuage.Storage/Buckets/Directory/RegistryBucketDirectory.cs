namespace Nuage.Storage.Buckets.Directory;

using Nuage.Metadata;

/// <summary>
/// The control region's directory: the bucket_registry table of its own metadata store (schema 016). Its answers
/// are the federation's truth; member regions ask it through the control region's console port.
/// </summary>
/// <param name="endpoints">Each region's S3 endpoint, from the federation file.</param>
public sealed class RegistryBucketDirectory(IMetadataStore metadata, Func<string, Uri?> endpoints) : IBucketDirectory
{
    public Task<BucketClaimOutcome> ClaimAsync(string name, string owner, string region, bool forNewBucket, CancellationToken cancellationToken) =>
        // Check and insert in one unit of work of the single writer: two claims of one name cannot both insert, and an
        // account's deletion (which checks the registry in its own unit) is ordered before or after the claim.
        metadata.WriteAsync(
            tx =>
            {
                if (forNewBucket && !tx.AccountExists(owner))
                {
                    return BucketClaimOutcome.OwnerUnknown;
                }

                if (tx.InsertBucketName(new BucketNameRow(name, owner, region, tx.Now)))
                {
                    return BucketClaimOutcome.Claimed;
                }

                var held = tx.GetBucketName(name)!;
                return !string.Equals(held.Owner, owner, StringComparison.Ordinal) ? BucketClaimOutcome.TakenByOther
                    : string.Equals(held.Region, region, StringComparison.Ordinal) ? BucketClaimOutcome.Reasserted
                    : BucketClaimOutcome.OwnedByYouElsewhere;
            },
            cancellationToken);

    public Task ReleaseAsync(string name, string region, CancellationToken cancellationToken) =>
        metadata.WriteAsync(tx => tx.DeleteBucketName(name, region), cancellationToken);

    public async Task<BucketPlacement?> LocateAsync(string name, CancellationToken cancellationToken) =>
        await metadata.GetBucketNameAsync(name, cancellationToken).ConfigureAwait(false) is { } row ? ToPlacement(row) : null;

    public async Task<IReadOnlyList<BucketPlacement>> ListAsync(string owner, CancellationToken cancellationToken) =>
        (await metadata.ListBucketNamesAsync(owner, cancellationToken).ConfigureAwait(false)).Select(ToPlacement).ToList();

    public Uri? S3EndpointOf(string region) => endpoints(region);

    public async Task<IReadOnlyList<BucketPlacement>> ListInRegionAsync(string region, CancellationToken cancellationToken) =>
        (await metadata.ListBucketNamesInRegionAsync(region, cancellationToken).ConfigureAwait(false)).Select(ToPlacement).ToList();

    private static BucketPlacement ToPlacement(BucketNameRow row) => new(row.Name, row.Owner, row.Region, row.CreatedAt);
}
