namespace Nuage.S3.Routing.Operations;

/// <summary>x-amz-metadata-directive of CopyObject: keep the source's metadata, or take the request's.</summary>
public enum MetadataDirective
{
    Copy,
    Replace,
}
