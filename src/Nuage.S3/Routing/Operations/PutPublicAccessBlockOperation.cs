namespace Nuage.S3.Routing.Operations;

public sealed record PutPublicAccessBlockOperation(string Bucket) : BucketOperation(Bucket)
{
    public override S3Action Action => S3Action.PutPublicAccessBlock;
}
