namespace Nuage.S3.Routing;

/// <summary>An operation on one object (path "/bucket/key"); the key is percent-decoded, byte for byte as sent.</summary>
public abstract record ObjectOperation(string Bucket, string Key) : BucketOperation(Bucket)
{
    public sealed override string? ObjectKey => Key;
}
