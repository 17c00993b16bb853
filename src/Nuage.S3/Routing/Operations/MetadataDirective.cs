namespace Nuage.S3.Routing.Operations;

/// <summary>x-amz-metadata-directive and x-amz-tagging-directive of CopyObject: keep the source's metadata (or tags), or take the request's.</summary>
public enum MetadataDirective
{
    Copy,
    Replace,
}
