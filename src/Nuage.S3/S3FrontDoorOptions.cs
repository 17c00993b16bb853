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

    /// <summary>
    /// How often buffered server access log records are written to their target buckets, one object per source
    /// bucket and interval. AWS delivers "within a few hours" on a best-effort basis; Nuage defaults to five minutes
    /// (--access-log-interval-seconds, NUAGE_ACCESS_LOG_INTERVAL_SECONDS), and tests shorten it to a second or two.
    /// </summary>
    public TimeSpan AccessLogInterval { get; init; } = TimeSpan.FromSeconds(DefaultAccessLogIntervalSeconds);

    public const int DefaultAccessLogIntervalSeconds = 300;
}
