namespace Nuage.S3.Routing.Operations;

public sealed record PutBucketReplicationOperation(string Bucket) : BucketOperation(Bucket)
{
    public override S3Action Action => S3Action.PutBucketReplication;
}
