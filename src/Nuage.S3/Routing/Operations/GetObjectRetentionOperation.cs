namespace Nuage.S3.Routing.Operations;

public sealed record GetObjectRetentionOperation(string Bucket, string Key, string? VersionId) : ObjectOperation(Bucket, Key)
{
    public override S3Action Action => S3Action.GetObjectRetention;
}
