namespace Nuage.Storage.Objects;

/// <summary>The additional checksums S3 lets a client ask for (x-amz-checksum-*, "Checking object integrity").</summary>
public enum ChecksumAlgorithm
{
    Crc32,
    Crc32C,
    Crc64Nvme,
    Sha1,
    Sha256,
}
