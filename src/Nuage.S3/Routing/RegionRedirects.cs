using Nuage.Storage;
using Nuage.Storage.Buckets;
using Nuage.Storage.Buckets.Directory;

namespace Nuage.S3.Routing;

/// <summary>
/// Whether a bucket-addressed request belongs to another region of the federation (docs/regions.md): the bucket is
/// not here and the control region's registry places it elsewhere. The pipeline then answers S3's 301
/// PermanentRedirect before reading anything of the request's body ("Making requests" / "Request redirection and the
/// REST API" in the Amazon S3 user guide: the error names the Bucket and the Endpoint to use, and x-amz-bucket-region
/// the region). Without a federation there is no directory and nothing is ever redirected.
/// </summary>
public sealed class RegionRedirects(IBucketService buckets, StorageOptions storage, IBucketDirectory? directory = null)
{
    /// <summary>The bucket's placement when it lives in another region; null when it is here, nowhere, or no one can tell now.</summary>
    public async ValueTask<BucketPlacement?> ElsewhereAsync(string bucket, CancellationToken cancellationToken)
    {
        // A bucket of this region is answered here without asking anyone: the local table is checked first, through
        // the same cache every request uses.
        if (directory is null || await buckets.GetAccessAsync(bucket, cancellationToken).ConfigureAwait(false) is not null)
        {
            return null;
        }

        BucketPlacement? placement;
        try
        {
            placement = await directory.LocateAsync(bucket, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException e) when (e.Code == StorageErrorCode.ServiceUnavailable)
        {
            // The control region is out of reach: this region cannot say where the bucket is, and answers for itself
            // (NoSuchBucket) as a region on its own would. Its own buckets keep working.
            return null;
        }

        return placement is not null && !string.Equals(placement.Region, storage.Region, StringComparison.Ordinal) ? placement : null;
    }

    /// <summary>
    /// The region this request should have been signed for, when it was signed for another region of the federation
    /// (the scope names one the federation file lists, not this one); null otherwise. AWS answers such a request
    /// 400 AuthorizationHeaderMalformed, "the region 'x' is wrong; expecting 'y'", with y in a Region element, and
    /// SDKs re-sign for y. Scopes naming regions outside the federation (us-east-1, what most clients default to)
    /// are accepted as before, so a region on its own and its existing clients see no change.
    /// </summary>
    public string? ExpectedSigningRegion(string? signedRegion) =>
        directory is not null && signedRegion is not null
        && !string.Equals(signedRegion, storage.Region, StringComparison.Ordinal)
        && directory.S3EndpointOf(signedRegion) is not null
            ? storage.Region
            : null;

    /// <summary>
    /// The Endpoint element of the redirect: the host (and port) of the region's S3 endpoint from the federation file,
    /// as AWS gives a host name there (e.g. "s3.eu-west-1.amazonaws.com"), without scheme or path.
    /// </summary>
    public string EndpointOf(string region) => directory?.S3EndpointOf(region) is { } uri ? uri.Authority : string.Empty;
}
