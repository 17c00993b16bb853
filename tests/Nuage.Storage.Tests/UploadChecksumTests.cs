namespace Nuage.Storage.Tests;

using Nuage.Storage.Multipart;
using Nuage.Storage.Objects;

/// <summary>
/// The checksum type rides in the upload row's algorithm column: rows written before types existed (the bare
/// algorithm name) must read with the meaning they had, and every declared pair must round-trip.
/// </summary>
public sealed class UploadChecksumTests
{
    [Theory]
    [InlineData("CRC32", ChecksumAlgorithm.Crc32, ChecksumType.Composite)]
    [InlineData("CRC32C", ChecksumAlgorithm.Crc32C, ChecksumType.Composite)]
    [InlineData("SHA1", ChecksumAlgorithm.Sha1, ChecksumType.Composite)]
    [InlineData("SHA256", ChecksumAlgorithm.Sha256, ChecksumType.Composite)]
    [InlineData("CRC64NVME", ChecksumAlgorithm.Crc64Nvme, ChecksumType.FullObject)]
    [InlineData("CRC32;FULL_OBJECT", ChecksumAlgorithm.Crc32, ChecksumType.FullObject)]
    [InlineData("CRC32C;FULL_OBJECT", ChecksumAlgorithm.Crc32C, ChecksumType.FullObject)]
    public void Stored_forms_read_back(string stored, ChecksumAlgorithm algorithm, ChecksumType type)
    {
        var decoded = UploadChecksum.Decode(stored);
        Assert.Equal(new UploadChecksum(algorithm, type), decoded);
        Assert.Equal(stored, decoded!.Encode());
    }

    [Fact]
    public void No_checksum_is_null_both_ways()
    {
        Assert.Null(UploadChecksum.Decode(null));
        Assert.Null(UploadChecksum.Declare(null, null));
    }

    [Fact]
    public void An_unknown_type_in_a_row_is_reported_not_guessed() =>
        Assert.Throws<InvalidDataException>(() => UploadChecksum.Decode("CRC32;SOMETHING"));
}
