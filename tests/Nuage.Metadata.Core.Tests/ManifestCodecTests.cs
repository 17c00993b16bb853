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
    public void Key_derivation_ids_other_than_the_blobs_own_take_version_3_and_round_trip()
    {
        // An SSE-C replica's blobs have ids of their own and keys derived from its source's blob ids (schema 031).
        var keyId = Guid.Parse("0f0e0d0c-0b0a-0908-0706-050403020100");
        var manifest = new BlobManifest([new BlobSegment(First, 10, keyId), new BlobSegment(Second, 20)]);

        byte[] bytes = ManifestCodec.Encode(manifest);
        var decoded = ManifestCodec.Decode(bytes);

        Assert.Equal(3, bytes[0]);
        Assert.Equal(0, bytes[1]);
        Assert.Equal(2 + (2 * 40), bytes.Length);
        Assert.Equal(keyId.ToByteArray(), bytes[26..42]);
        Assert.Equal(Second.ToByteArray(), bytes[66..82]); // a segment without its own key id records its blob id
        Assert.Equal(manifest.Segments, decoded.Segments);
        Assert.Equal([keyId, Second], decoded.Segments.Select(s => s.KeyDerivationId));
        Assert.Null(decoded.PartChecksums);
    }

    [Fact]
    public void Key_derivation_ids_and_part_checksums_round_trip_together()
    {
        var keyIds = new[] { Guid.NewGuid(), Guid.NewGuid() };
        string[] checksums = [Convert.ToBase64String([1, 2, 3, 4]), Convert.ToBase64String([5, 6, 7, 8])];
        var manifest = new BlobManifest([new BlobSegment(First, 10, keyIds[0]), new BlobSegment(Second, 20, keyIds[1])]) { PartChecksums = checksums };

        byte[] bytes = ManifestCodec.Encode(manifest);
        var decoded = ManifestCodec.Decode(bytes);

        Assert.Equal(3, bytes[0]);
        Assert.Equal(4, bytes[1]);
        Assert.Equal(2 + (2 * (40 + 4)), bytes.Length);
        Assert.Equal(manifest.Segments, decoded.Segments);
        Assert.Equal(checksums, decoded.PartChecksums);
    }

    [Fact]
    public void A_manifest_whose_key_ids_are_its_blob_ids_stays_version_1()
    {
        var manifest = new BlobManifest([new BlobSegment(First, 10, First)]);

        byte[] bytes = ManifestCodec.Encode(manifest);

        Assert.Equal(1, bytes[0]);
        Assert.Equal(First, Assert.Single(ManifestCodec.Decode(bytes).Segments).KeyDerivationId);
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
    [InlineData(new byte[] { 4, 0 })]
    [InlineData(new byte[] { 3, 0, 1 })]
    [InlineData(new byte[] { 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { 1, 0, 0 })]
    [InlineData(new byte[] { 2, 0 })]
    public void Unknown_or_truncated_bytes_are_rejected(byte[] bytes) =>
        Assert.Throws<InvalidDataException>(() => ManifestCodec.Decode(bytes));
}
