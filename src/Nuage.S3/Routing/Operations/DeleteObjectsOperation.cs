namespace Nuage.S3.Routing.Operations;

/// <summary>DeleteObjects (POST ?delete); the keys come in the body, so each is authorized by the handler.</summary>
public sealed record DeleteObjectsOperation(string Bucket) : BucketOperation(Bucket)
{
    public override S3Action Action => S3Action.DeleteObjects;
}
