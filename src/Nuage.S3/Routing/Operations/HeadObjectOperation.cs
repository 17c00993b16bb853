namespace Nuage.S3.Routing.Operations;

/// <summary>HeadObject takes the same parameters as GetObject ("HeadObject", URI request parameters).</summary>
public sealed record HeadObjectOperation(string Bucket, string Key, string? VersionId, int? PartNumber, ResponseOverrides Overrides)
    : ObjectOperation(Bucket, Key)
{
    public override S3Action Action => S3Action.HeadObject;
}
