namespace Nuage.S3.Routing.Operations;

/// <summary>CreateBucket; the CreateBucketConfiguration body is read by the handler.</summary>
public sealed record CreateBucketOperation(string Bucket) : BucketOperation(Bucket)
{
    public override S3Action Action => S3Action.CreateBucket;
}
