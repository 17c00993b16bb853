namespace Nuage.S3.Routing.Operations;

/// <summary>GetObject: versionId, partNumber and the response-* header overrides.</summary>
public sealed record GetObjectOperation(string Bucket, string Key, string? VersionId, int? PartNumber, ResponseOverrides Overrides)
    : ObjectOperation(Bucket, Key)
{
    public override S3Action Action => S3Action.GetObject;
}
