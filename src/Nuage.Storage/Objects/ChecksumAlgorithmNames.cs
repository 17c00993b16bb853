namespace Nuage.Storage.Objects;

/// <summary>The algorithm names as S3 spells them (x-amz-checksum-algorithm), which is also how rows store them.</summary>
public static class ChecksumAlgorithmNames
{
    public static string Name(ChecksumAlgorithm algorithm) => algorithm switch
    {
        ChecksumAlgorithm.Crc32 => "CRC32",
        ChecksumAlgorithm.Crc32C => "CRC32C",
        ChecksumAlgorithm.Crc64Nvme => "CRC64NVME",
        ChecksumAlgorithm.Sha1 => "SHA1",
        ChecksumAlgorithm.Sha256 => "SHA256",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    public static ChecksumAlgorithm Parse(string name) => name switch
    {
        "CRC32" => ChecksumAlgorithm.Crc32,
        "CRC32C" => ChecksumAlgorithm.Crc32C,
        "CRC64NVME" => ChecksumAlgorithm.Crc64Nvme,
        "SHA1" => ChecksumAlgorithm.Sha1,
        "SHA256" => ChecksumAlgorithm.Sha256,
        _ => throw new InvalidDataException($"Unknown checksum algorithm '{name}' in metadata."),
    };

    /// <summary>Case-insensitive parse of a client-supplied name (x-amz-checksum-algorithm, x-amz-sdk-checksum-algorithm).</summary>
    public static bool TryParse(string? name, out ChecksumAlgorithm algorithm)
    {
        foreach (var candidate in Enum.GetValues<ChecksumAlgorithm>())
        {
            if (string.Equals(Name(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                algorithm = candidate;
                return true;
            }
        }

        algorithm = default;
        return false;
    }
}
