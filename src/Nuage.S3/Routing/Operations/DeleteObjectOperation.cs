namespace Nuage.S3.Routing.Operations;

/// <param name="IfMatch">The If-Match header of a conditional delete ("*" or an ETag), null for an unconditional one.</param>
public sealed record DeleteObjectOperation(string Bucket, string Key, string? VersionId, string? IfMatch = null) : ObjectOperation(Bucket, Key)
{
    public override S3Action Action => S3Action.DeleteObject;
}
