using Nuage.Storage.Multipart;

namespace Nuage.S3.Routing.Operations;

/// <summary>UploadPartCopy: x-amz-copy-source parsed, and x-amz-copy-source-range when given.</summary>
public sealed record UploadPartCopyOperation(string Bucket, string Key, string UploadId, int PartNumber, CopySource Source, ByteRange? SourceRange)
    : ObjectOperation(Bucket, Key)
{
    public override S3Action Action => S3Action.UploadPartCopy;
}
