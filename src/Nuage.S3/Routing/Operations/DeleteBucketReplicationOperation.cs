namespace Nuage.S3.Routing.Operations;

public sealed record DeleteBucketReplicationOperation(string Bucket) : BucketOperation(Bucket)
{
    public override S3Action Action => S3Action.DeleteBucketReplication;
}
