namespace Nuage.Storage.Multipart;

using Nuage.Storage.Objects;

/// <summary>
/// The checksum a multipart upload declared at creation: x-amz-checksum-algorithm and x-amz-checksum-type.
/// </summary>
/// <remarks>
/// It is stored in the upload row's checksum_algorithm column, so no schema change is needed: the algorithm name
/// alone when the type is the algorithm's default (the only form rows had before checksum types, so they still
/// read as COMPOSITE), "NAME;FULL_OBJECT" for a full-object CRC-32 or CRC-32C. The one change of meaning is
/// CRC-64/NVME, which S3 has only as FULL_OBJECT: an upload begun before types existed completes as full-object,
/// which works because each of its parts already carries its CRC-64/NVME.
/// </remarks>
internal sealed record UploadChecksum(ChecksumAlgorithm Algorithm, ChecksumType Type)
{
    private const char Separator = ';';

    /// <summary>
    /// The upload's checksum from CreateMultipartUpload's headers, checked as S3 does ("Checking object integrity":
    /// full object checksums exist for the CRCs only, and CRC-64/NVME has no composite form). Without a type S3
    /// uses COMPOSITE, except for CRC-64/NVME which is always FULL_OBJECT.
    /// </summary>
    public static UploadChecksum? Declare(ChecksumAlgorithm? algorithm, ChecksumType? type)
    {
        if (algorithm is not { } a)
        {
            return type is null
                ? null
                : throw new StorageException(
                    StorageErrorCode.InvalidRequest,
                    "The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.");
        }

        var chosen = type ?? DefaultType(a);
        if (chosen == ChecksumType.FullObject && a is ChecksumAlgorithm.Sha1 or ChecksumAlgorithm.Sha256)
        {
            throw Unsupported(chosen, a);
        }

        if (chosen == ChecksumType.Composite && a == ChecksumAlgorithm.Crc64Nvme)
        {
            throw Unsupported(chosen, a);
        }

        return new UploadChecksum(a, chosen);
    }

    /// <summary>Reads the stored form; null for an upload without a checksum.</summary>
    public static UploadChecksum? Decode(string? stored)
    {
        if (stored is null)
        {
            return null;
        }

        int separator = stored.IndexOf(Separator, StringComparison.Ordinal);
        if (separator < 0)
        {
            var algorithm = ChecksumAlgorithmNames.Parse(stored);
            return new UploadChecksum(algorithm, DefaultType(algorithm));
        }

        return ChecksumTypeNames.TryParse(stored[(separator + 1)..], out var type)
            ? new UploadChecksum(ChecksumAlgorithmNames.Parse(stored[..separator]), type)
            : throw new InvalidDataException($"Unknown checksum type in '{stored}' in metadata.");
    }

    public string Encode()
    {
        string name = ChecksumAlgorithmNames.Name(Algorithm);
        return Type == DefaultType(Algorithm) ? name : name + Separator + ChecksumTypeNames.Name(Type);
    }

    private static ChecksumType DefaultType(ChecksumAlgorithm algorithm) =>
        algorithm == ChecksumAlgorithm.Crc64Nvme ? ChecksumType.FullObject : ChecksumType.Composite;

    private static StorageException Unsupported(ChecksumType type, ChecksumAlgorithm algorithm) =>
        new(
            StorageErrorCode.InvalidRequest,
            $"The {ChecksumTypeNames.Name(type)} checksum type cannot be used with the {ChecksumAlgorithmNames.Name(algorithm).ToLowerInvariant()} checksum algorithm.");
}
