namespace Nuage.Storage.Tests;

using System.Buffers.Binary;
using System.IO.Hashing;
using Nuage.Storage.Multipart;
using Nuage.Storage.Objects;
using Nuage.Testing;

/// <summary>
/// x-amz-checksum-type of multipart uploads: FULL_OBJECT checksums are the CRC of the whole object, combined from
/// the parts at completion; the algorithm/type pairs S3 refuses; the type and value checks at completion.
/// </summary>
public abstract class MultipartChecksumTypeTests(MetadataEngine engine) : IAsyncLifetime
{
    private const int MinPart = 100_000;
    private readonly StorageFixture _s = new(o => o with { MinPartSize = MinPart }, engine: engine);

    public Task InitializeAsync() => _s.CreateBucketAsync();

    public async Task DisposeAsync() => await _s.DisposeAsync();

    public static TheoryData<ChecksumAlgorithm> Crcs => [ChecksumAlgorithm.Crc32, ChecksumAlgorithm.Crc32C, ChecksumAlgorithm.Crc64Nvme];

    [Theory]
    [MemberData(nameof(Crcs))]
    public async Task Full_object_checksum_is_the_crc_of_the_whole_object(ChecksumAlgorithm algorithm)
    {
        var upload = await Create("full", algorithm, ChecksumType.FullObject);
        Assert.Equal(ChecksumType.FullObject, upload.ChecksumType);
        byte[][] parts = [StorageFixture.RandomBytes(MinPart + 17, 1), StorageFixture.RandomBytes(MinPart, 2), StorageFixture.RandomBytes(333, 3)];
        var completed = new List<CompletedPart>();
        for (int i = 0; i < parts.Length; i++)
        {
            var part = await Upload(upload, i + 1, parts[i]);
            completed.Add(new(i + 1, part.ETag));
        }

        var listed = await _s.Multipart.ListPartsAsync("bucket-1", "full", upload.UploadId, 0, 100, CancellationToken.None);
        Assert.Equal(ChecksumType.FullObject, listed.Upload.ChecksumType);

        string whole = Crc(algorithm, [.. parts[0], .. parts[1], .. parts[2]]);
        var info = await _s.Multipart.CompleteMultipartUploadAsync(
            "bucket-1", "full", upload.UploadId, completed, null, new ObjectChecksum(algorithm, whole), CancellationToken.None, ChecksumType.FullObject);

        Assert.Equal(new ObjectChecksum(algorithm, whole, false), info.Checksum);
        var head = await _s.Objects.HeadObjectAsync("bucket-1", "full", null, CancellationToken.None);
        Assert.Equal(new ObjectChecksum(algorithm, whole, false), head.Checksum);
    }

    /// <summary>
    /// Known answers published with ceph/s3-tests (test_multipart_use_cksum_helper_crc32, _crc32c, _crc64nvme): three
    /// 5 MiB parts of 'A', 'B' and 'C', whose full-object checksums Ceph RGW computed on its own.
    /// </summary>
    [Theory]
    [InlineData(ChecksumAlgorithm.Crc32, "WgDhBQ==")]
    [InlineData(ChecksumAlgorithm.Crc32C, "xU+Krw==")]
    [InlineData(ChecksumAlgorithm.Crc64Nvme, "i+6LR0y3eFo=")]
    public async Task Full_object_checksums_match_the_values_ceph_publishes(ChecksumAlgorithm algorithm, string expected)
    {
        var upload = await Create("rgw", algorithm, ChecksumType.FullObject);
        var completed = new List<CompletedPart>();
        byte[] all = [];
        foreach (var (number, letter) in new[] { (1, (byte)'A'), (2, (byte)'B'), (3, (byte)'C') })
        {
            var data = Enumerable.Repeat(letter, 5 * 1024 * 1024).ToArray();
            completed.Add(new(number, (await Upload(upload, number, data)).ETag));
            all = [.. all, .. data];
        }

        var info = await Complete(upload, completed);

        Assert.Equal(expected, info.Checksum!.Value);
        Assert.Equal(Crc(algorithm, all), info.Checksum.Value);
    }

    [Fact]
    public async Task Crc64Nvme_is_full_object_without_a_type()
    {
        var upload = await Create("nvme", ChecksumAlgorithm.Crc64Nvme, null);
        Assert.Equal(ChecksumType.FullObject, upload.ChecksumType);
        var data = StorageFixture.RandomBytes(500, 4);
        var part = await Upload(upload, 1, data);

        var info = await Complete(upload, [new(1, part.ETag)]);

        Assert.Equal(new ObjectChecksum(ChecksumAlgorithm.Crc64Nvme, Crc(ChecksumAlgorithm.Crc64Nvme, data), false), info.Checksum);
    }

    [Fact]
    public async Task Crc32_without_a_type_stays_composite()
    {
        var upload = await Create("crc", ChecksumAlgorithm.Crc32, null);
        Assert.Equal(ChecksumType.Composite, upload.ChecksumType);
        var part = await Upload(upload, 1, StorageFixture.RandomBytes(10, 5));

        var info = await Complete(upload, [new(1, part.ETag)]);

        Assert.True(info.Checksum!.IsComposite);
        Assert.EndsWith("-1", info.Checksum.Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ChecksumAlgorithm.Sha1, ChecksumType.FullObject)]
    [InlineData(ChecksumAlgorithm.Sha256, ChecksumType.FullObject)]
    [InlineData(ChecksumAlgorithm.Crc64Nvme, ChecksumType.Composite)]
    public async Task Types_the_algorithm_does_not_have_are_invalid_requests(ChecksumAlgorithm algorithm, ChecksumType type)
    {
        var error = await Assert.ThrowsAsync<StorageException>(() => Create("bad", algorithm, type));
        Assert.Equal(StorageErrorCode.InvalidRequest, error.Code);
    }

    [Fact]
    public async Task A_type_without_an_algorithm_is_an_invalid_request()
    {
        var error = await Assert.ThrowsAsync<StorageException>(() => Create("bad", null, ChecksumType.FullObject));
        Assert.Equal(StorageErrorCode.InvalidRequest, error.Code);
    }

    [Fact]
    public async Task Completion_refuses_a_wrong_value_a_composite_value_a_wrong_type_and_a_wrong_size()
    {
        var upload = await Create("checks", ChecksumAlgorithm.Crc32C, ChecksumType.FullObject);
        var p1 = StorageFixture.RandomBytes(MinPart, 6);
        var p2 = StorageFixture.RandomBytes(99, 7);
        CompletedPart[] parts = [new(1, (await Upload(upload, 1, p1)).ETag), new(2, (await Upload(upload, 2, p2)).ETag)];
        string whole = Crc(ChecksumAlgorithm.Crc32C, [.. p1, .. p2]);

        async Task<StorageErrorCode> Refused(ObjectChecksum? checksum, ChecksumType? type, long? size) =>
            (await Assert.ThrowsAsync<StorageException>(() => _s.Multipart.CompleteMultipartUploadAsync(
                "bucket-1", "checks", upload.UploadId, parts, null, checksum, CancellationToken.None, type, size))).Code;

        Assert.Equal(StorageErrorCode.ChecksumMismatch, await Refused(new(ChecksumAlgorithm.Crc32C, Crc(ChecksumAlgorithm.Crc32C, p1)), null, null));
        Assert.Equal(StorageErrorCode.ChecksumMismatch, await Refused(new(ChecksumAlgorithm.Crc32C, whole + "-2"), null, null));
        Assert.Equal(StorageErrorCode.ChecksumMismatch, await Refused(new(ChecksumAlgorithm.Crc32, whole), null, null));
        Assert.Equal(StorageErrorCode.ChecksumMismatch, await Refused(null, ChecksumType.Composite, null));
        Assert.Equal(StorageErrorCode.InvalidRequest, await Refused(null, null, p1.Length + p2.Length + 1));

        var info = await _s.Multipart.CompleteMultipartUploadAsync(
            "bucket-1", "checks", upload.UploadId, parts, null, null, CancellationToken.None, ChecksumType.FullObject, p1.Length + p2.Length);
        Assert.Equal(whole, info.Checksum!.Value);
    }

    [Fact]
    public async Task An_upload_without_a_checksum_refuses_a_checksum_type_at_completion()
    {
        var upload = await Create("none", null, null);
        Assert.Null(upload.ChecksumType);
        var part = await Upload(upload, 1, StorageFixture.RandomBytes(10, 8));

        var error = await Assert.ThrowsAsync<StorageException>(() => _s.Multipart.CompleteMultipartUploadAsync(
            "bucket-1", "none", upload.UploadId, [new(1, part.ETag)], null, null, CancellationToken.None, ChecksumType.FullObject));
        Assert.Equal(StorageErrorCode.ChecksumMismatch, error.Code);
    }

    private static string Crc(ChecksumAlgorithm algorithm, byte[] data)
    {
        if (algorithm == ChecksumAlgorithm.Crc64Nvme)
        {
            var crc64 = new Crc64(Crc64ParameterSet.Nvme);
            crc64.Append(data);
            var digest64 = new byte[8];
            BinaryPrimitives.WriteUInt64BigEndian(digest64, crc64.GetCurrentHashAsUInt64());
            return Convert.ToBase64String(digest64);
        }

        var crc = algorithm == ChecksumAlgorithm.Crc32C ? new Crc32(Crc32ParameterSet.Crc32C) : new Crc32();
        crc.Append(data);
        var digest = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(digest, crc.GetCurrentHashAsUInt32());
        return Convert.ToBase64String(digest);
    }

    private Task<MultipartUploadInfo> Create(string key, ChecksumAlgorithm? algorithm, ChecksumType? type) =>
        _s.Multipart.CreateMultipartUploadAsync("bucket-1", key, ObjectAttributes.Empty, algorithm, CancellationToken.None, checksumType: type);

    private Task<PartInfo> Upload(MultipartUploadInfo upload, int number, byte[] data) =>
        _s.Multipart.UploadPartAsync("bucket-1", upload.Key, upload.UploadId, number, new MemoryStream(data), data.Length, null, null, CancellationToken.None);

    private Task<ObjectInfo> Complete(MultipartUploadInfo upload, IReadOnlyList<CompletedPart> parts) =>
        _s.Multipart.CompleteMultipartUploadAsync("bucket-1", upload.Key, upload.UploadId, parts, null, CancellationToken.None);
}

public sealed class MultipartChecksumTypeTestsOnSqlite() : MultipartChecksumTypeTests(MetadataEngine.Sqlite);

public sealed class MultipartChecksumTypeTestsOnPostgres() : MultipartChecksumTypeTests(MetadataEngine.Postgres);
