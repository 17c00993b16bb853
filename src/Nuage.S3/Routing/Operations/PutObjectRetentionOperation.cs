namespace Nuage.S3.Routing.Operations;

/// <param name="BypassGovernance">x-amz-bypass-governance-retention: true (needs s3:BypassGovernanceRetention).</param>
public sealed record PutObjectRetentionOperation(string Bucket, string Key, string? VersionId, bool BypassGovernance) : ObjectOperation(Bucket, Key)
{
    public override S3Action Action => S3Action.PutObjectRetention;
}
