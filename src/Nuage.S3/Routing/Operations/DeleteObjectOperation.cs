namespace Nuage.S3.Routing.Operations;

/// <param name="IfMatch">The If-Match header of a conditional delete ("*" or an ETag), null for an unconditional one.</param>
/// <param name="BypassGovernance">x-amz-bypass-governance-retention: true (needs s3:BypassGovernanceRetention).</param>
public sealed record DeleteObjectOperation(string Bucket, string Key, string? VersionId, string? IfMatch = null, bool BypassGovernance = false)
    : ObjectOperation(Bucket, Key)
{
    public override S3Action Action => S3Action.DeleteObject;
}
