namespace Nuage.S3.Routing.Operations;

/// <summary>DeleteObjects (POST ?delete); the keys come in the body, so each is authorized by the handler.</summary>
/// <param name="BypassGovernance">x-amz-bypass-governance-retention: true (needs s3:BypassGovernanceRetention).</param>
public sealed record DeleteObjectsOperation(string Bucket, bool BypassGovernance = false) : BucketOperation(Bucket)
{
    public override S3Action Action => S3Action.DeleteObjects;
}
