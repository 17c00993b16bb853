namespace Nuage.Storage.Objects;

/// <summary>
/// How a multipart object's checksum is made (x-amz-checksum-type, AWS "Checking object integrity in Amazon S3"):
/// COMPOSITE is a checksum of the parts' checksums, shown as "base64-N"; FULL_OBJECT is the checksum of the whole
/// object's bytes, as if it were uploaded in one piece. An object written by a single request is always FULL_OBJECT.
/// </summary>
public enum ChecksumType
{
    Composite,
    FullObject,
}
