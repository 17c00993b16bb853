namespace Nuage.Metadata.Core.Tests;

public sealed class ManifestCodecTests
{
    private static readonly Guid First = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff");
    private static readonly Guid Second = Guid.Parse("ffeeddcc-bbaa-9988-7766-554433221100");

    [Fact]
    public void Version_1_layout_is_a_version_byte_then_id_and_little_endian_length_per_segment()
    {
        // The stored format outlives the code: rows written today must read on any engine tomorrow.
        byte[] bytes = ManifestCodec.Encode(new BlobManifest([new BlobSegment(First, 0x0102)]));

        Assert.Equal(25, bytes.Length);
        Assert.Equal(1, bytes[0]);
        Assert.Equal(First.ToByteArray(), bytes[1..17]);
        Assert.Equal(new byte[] { 0x02, 0x01, 0, 0, 0, 0, 0, 0 }, bytes[17..25]);
    }

    [Fact]
    public void Segments_round_trip()
    {
        var manifest = new BlobManifest([new BlobSegment(First, 5 * 1024 * 1024), new BlobSegment(Second, 1)]);

        var decoded = ManifestCodec.Decode(ManifestCodec.Encode(manifest));

        Assert.Equal(manifest.Segments, decoded.Segments);
        Assert.Null(decoded.PartChecksums);
    }

    [Fact]
    public void Part_checksums_round_trip_in_version_2()
    {
        string[] checksums = [Convert.ToBase64String([1, 2, 3, 4]), Convert.ToBase64String([5, 6, 7, 8])];
        var manifest = new BlobManifest([new BlobSegment(First, 10), new BlobSegment(Second, 20)]) { PartChecksums = checksums };

        byte[] bytes = ManifestCodec.Encode(manifest);
        var decoded = ManifestCodec.Decode(bytes);

        Assert.Equal(2, bytes[0]);
        Assert.Equal(4, bytes[1]);
        Assert.Equal(2 + (2 * (24 + 4)), bytes.Length);
        Assert.Equal(manifest.Segments, decoded.Segments);
        Assert.Equal(checksums, decoded.PartChecksums);
    }

    [Fact]
    public void Checksums_of_mixed_lengths_are_not_kept()
    {
        string[] checksums = [Convert.ToBase64String([1, 2, 3, 4]), Convert.ToBase64String([5, 6, 7, 8, 9, 10, 11, 12])];
        var manifest = new BlobManifest([new BlobSegment(First, 10), new BlobSegment(Second, 20)]) { PartChecksums = checksums };

        var decoded = ManifestCodec.Decode(ManifestCodec.Encode(manifest));

        Assert.Equal(manifest.Segments, decoded.Segments);
        Assert.Null(decoded.PartChecksums);
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 3, 0 })]
    [InlineData(new byte[] { 1, 0, 0 })]
    [InlineData(new byte[] { 2, 0 })]
    public void Unknown_or_truncated_bytes_are_rejected(byte[] bytes) =>
        Assert.Throws<InvalidDataException>(() => ManifestCodec.Decode(bytes));
}
