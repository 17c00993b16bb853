namespace Nuage.S3;

/// <summary>Settings of the S3 front door. Immutable once built.</summary>
public sealed record S3FrontDoorOptions
{
    /// <summary>
    /// Domain for virtual-host style addressing: a request to "bucket.{Domain}" addresses that bucket. Null (the
    /// default) serves path style only.
    /// </summary>
    public string? Domain { get; init; }
}
