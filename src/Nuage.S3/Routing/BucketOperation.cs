namespace Nuage.S3.Routing;

/// <summary>An operation on one bucket (path "/bucket" or host "bucket.domain").</summary>
public abstract record BucketOperation(string Bucket) : S3Operation
{
    public sealed override string? BucketName => Bucket;
}
