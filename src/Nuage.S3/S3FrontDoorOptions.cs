namespace Nuage.S3;

/// <summary>Settings of the S3 front door. Immutable once built.</summary>
public sealed record S3FrontDoorOptions
{
    /// <summary>
    /// Domain for virtual-host style addressing: a request to "bucket.{Domain}" addresses that bucket. Null (the
    /// default) serves path style only.
    /// </summary>
    public string? Domain { get; init; }

    /// <summary>
    /// New buckets get the defaults S3 had before April 2023: ACLs enabled (ObjectWriter) and no Block Public Access,
    /// for tools and test suites written before then (ceph/s3-tests). False (the default): ACLs disabled
    /// (BucketOwnerEnforced) and every Block Public Access setting on, as S3 creates buckets today.
    /// </summary>
    public bool LegacyBucketDefaults { get; init; }
}
