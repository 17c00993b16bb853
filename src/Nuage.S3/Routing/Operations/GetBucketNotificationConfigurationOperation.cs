namespace Nuage.S3.Routing.Operations;

public sealed record GetBucketNotificationConfigurationOperation(string Bucket) : BucketOperation(Bucket)
{
    public override S3Action Action => S3Action.GetBucketNotificationConfiguration;
}
