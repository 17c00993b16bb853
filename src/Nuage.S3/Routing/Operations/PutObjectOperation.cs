namespace Nuage.S3.Routing.Operations;

/// <summary>PutObject; attributes, checksums and conditions travel in headers the handler reads with the body.</summary>
public sealed record PutObjectOperation(string Bucket, string Key) : ObjectOperation(Bucket, Key)
{
    public override S3Action Action => S3Action.PutObject;
}
