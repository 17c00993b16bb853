namespace Nuage.S3.Routing.Operations;

/// <summary>GetObjectAttributes (<c>GET /bucket/key?attributes</c>): the attributes asked for and the page of parts.</summary>
public sealed record GetObjectAttributesOperation(
    string Bucket, string Key, string? VersionId, IReadOnlySet<string> Attributes, int MaxParts, int PartNumberMarker)
    : ObjectOperation(Bucket, Key)
{
    public override S3Action Action => S3Action.GetObjectAttributes;
}
