using Nuage.Storage.Objects;

namespace Nuage.S3.Xml;

/// <summary>Wire names of the additional checksum algorithms: header suffixes and XML values.</summary>
public static class ChecksumNames
{
    public static string XmlName(ChecksumAlgorithm algorithm) => ChecksumAlgorithmNames.Name(algorithm);

    /// <summary>The response/request header carrying the value, e.g. x-amz-checksum-crc32.</summary>
    public static string HeaderName(ChecksumAlgorithm algorithm) => algorithm switch
    {
        ChecksumAlgorithm.Crc32 => "x-amz-checksum-crc32",
        ChecksumAlgorithm.Crc32C => "x-amz-checksum-crc32c",
        ChecksumAlgorithm.Crc64Nvme => "x-amz-checksum-crc64nvme",
        ChecksumAlgorithm.Sha1 => "x-amz-checksum-sha1",
        ChecksumAlgorithm.Sha256 => "x-amz-checksum-sha256",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    /// <summary>The XML element of a part or result carrying the value, e.g. ChecksumCRC32.</summary>
    public static string ElementName(ChecksumAlgorithm algorithm) => "Checksum" + XmlName(algorithm);

    public static bool TryParse(string? name, out ChecksumAlgorithm algorithm) => ChecksumAlgorithmNames.TryParse(name, out algorithm);

    public static readonly ChecksumAlgorithm[] All =
        [ChecksumAlgorithm.Crc32, ChecksumAlgorithm.Crc32C, ChecksumAlgorithm.Crc64Nvme, ChecksumAlgorithm.Sha1, ChecksumAlgorithm.Sha256];
}
