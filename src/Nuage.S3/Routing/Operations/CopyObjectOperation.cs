namespace Nuage.S3.Routing.Operations;

/// <summary>CopyObject: x-amz-copy-source parsed, and x-amz-metadata-directive (COPY when absent).</summary>
public sealed record CopyObjectOperation(string Bucket, string Key, CopySource Source, MetadataDirective Directive)
    : ObjectOperation(Bucket, Key)
{
    public override S3Action Action => S3Action.CopyObject;
}
