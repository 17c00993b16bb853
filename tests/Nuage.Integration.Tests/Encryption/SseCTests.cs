using System.Net;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Integration.Tests.Sdk;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Encryption;

/// <summary>
/// SSE-C through AWSSDK.S3 (served over plain HTTP, docs/encryption.md): an object is unreadable without its key,
/// refused with another, readable with it (ranges included); copies between keys; multipart parts with the key; the
/// key MD5 checked; nothing of the plaintext on disk.
/// </summary>
public sealed class SseCTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>, IDisposable
{
    private readonly AmazonS3Client _s3 = fixture.CreateS3Client();

    public void Dispose() => _s3.Dispose();

    [Fact]
    public async Task An_SSE_C_object_is_unreadable_without_its_key_refused_with_another_and_readable_with_it_ranges_included()
    {
        var bucket = await fixture.CreateBucketAsync("ssec-trip");
        var key = NewKey();
        var marker = DataDirectoryScan.Marker("ssec-" + Guid.NewGuid().ToString("N"));
        var body = DataDirectoryScan.Payload(marker, 700_000);
        var put = await _s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket, Key = "k", InputStream = new MemoryStream(body),
            ServerSideEncryptionCustomerMethod = ServerSideEncryptionCustomerMethod.AES256, ServerSideEncryptionCustomerProvidedKey = key,
        });
        Assert.Equal(ServerSideEncryptionCustomerMethod.AES256, put.ServerSideEncryptionCustomerMethod);
        Assert.Equal(Md5(key), put.ServerSideEncryptionCustomerProvidedKeyMD5);
        Assert.Empty(DataDirectoryScan.FilesContaining(fixture.Server.DataDirectory, marker));

        // Without the key: 400 InvalidRequest on GET, 400 on HEAD (no body to carry the code).
        await S3Assert.FailsAsync("InvalidRequest", HttpStatusCode.BadRequest, () => _s3.GetObjectAsync(bucket, "k"));
        await S3Assert.FailsWithStatusAsync(HttpStatusCode.BadRequest, () => _s3.GetObjectMetadataAsync(bucket, "k"));

        // With another key: 403 AccessDenied.
        var other = NewKey();
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => _s3.GetObjectAsync(Get(bucket, "k", other)));
        await S3Assert.FailsWithStatusAsync(HttpStatusCode.Forbidden, () => _s3.GetObjectMetadataAsync(Head(bucket, "k", other)));

        var head = await _s3.GetObjectMetadataAsync(Head(bucket, "k", key));
        Assert.Equal((700_000L, TestBytes.QuotedETag(body)), (head.ContentLength, head.ETag));
        Assert.Equal(ServerSideEncryptionCustomerMethod.AES256, head.ServerSideEncryptionCustomerMethod);
        using (var get = await _s3.GetObjectAsync(Get(bucket, "k", key)))
        {
            Assert.Equal(Md5(key), get.ServerSideEncryptionCustomerProvidedKeyMD5);
            Assert.Equal(body, await SseS3Tests.ReadAllAsync(get));
        }

        foreach (var (first, last) in new (long, long)[] { (0, 9), (65_000, 140_000), (699_990, 699_999) })
        {
            var request = Get(bucket, "k", key);
            request.ByteRange = new ByteRange(first, last);
            using var ranged = await _s3.GetObjectAsync(request);
            Assert.Equal(HttpStatusCode.PartialContent, ranged.HttpStatusCode);
            Assert.Equal(body.AsSpan((int)first, (int)(last - first + 1)).ToArray(), await SseS3Tests.ReadAllAsync(ranged));
        }
    }

    [Fact]
    public async Task GetObjectAttributes_of_an_SSE_C_object_needs_its_key()
    {
        var bucket = await fixture.CreateBucketAsync("ssec-attrs");
        var key = NewKey();
        var body = TestBytes.Random(5000, 4);
        await _s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket, Key = "k", InputStream = new MemoryStream(body),
            ServerSideEncryptionCustomerMethod = ServerSideEncryptionCustomerMethod.AES256, ServerSideEncryptionCustomerProvidedKey = key,
        });
        var request = new GetObjectAttributesRequest { BucketName = bucket, Key = "k", ObjectAttributes = [ObjectAttributes.ObjectSize, ObjectAttributes.ETag] };
        await S3Assert.FailsAsync("InvalidRequest", HttpStatusCode.BadRequest, () => _s3.GetObjectAttributesAsync(request));

        request.SSECustomerAlgorithm = ServerSideEncryptionCustomerMethod.AES256;
        request.SSECustomerKey = key;
        request.SSECustomerKeyMD5 = Md5(key);
        var attributes = await _s3.GetObjectAttributesAsync(request);
        Assert.Equal(5000L, attributes.ObjectSize);
    }

    [Fact]
    public async Task A_small_inline_SSE_C_object_follows_the_same_rules()
    {
        var bucket = await fixture.CreateBucketAsync("ssec-inline");
        var key = NewKey();
        var body = TestBytes.Random(1000, 3);
        await _s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket, Key = "small", InputStream = new MemoryStream(body),
            ServerSideEncryptionCustomerMethod = ServerSideEncryptionCustomerMethod.AES256, ServerSideEncryptionCustomerProvidedKey = key,
        });
        await S3Assert.FailsAsync("InvalidRequest", HttpStatusCode.BadRequest, () => _s3.GetObjectAsync(bucket, "small"));
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => _s3.GetObjectAsync(Get(bucket, "small", NewKey())));
        using var get = await _s3.GetObjectAsync(Get(bucket, "small", key));
        Assert.Equal(body, await SseS3Tests.ReadAllAsync(get));
    }

    [Fact]
    public async Task A_key_MD5_that_does_not_match_a_short_key_and_another_algorithm_are_refused()
    {
        var bucket = await fixture.CreateBucketAsync("ssec-bad");
        var key = NewKey();
        async Task<HttpResponseMessage> PutWith(string algorithm, string keyValue, string md5) =>
            await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Put, "/" + bucket + "/k", body: "x"u8.ToArray(), headers: new Dictionary<string, string>
            {
                ["x-amz-server-side-encryption-customer-algorithm"] = algorithm,
                ["x-amz-server-side-encryption-customer-key"] = keyValue,
                ["x-amz-server-side-encryption-customer-key-MD5"] = md5,
            });

        await RawS3.AssertErrorAsync(await PutWith("AES256", key, Md5(NewKey())), HttpStatusCode.BadRequest, "InvalidArgument");
        var shortKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        await RawS3.AssertErrorAsync(await PutWith("AES256", shortKey, Md5(shortKey)), HttpStatusCode.BadRequest, "InvalidArgument");
        await RawS3.AssertErrorAsync(await PutWith("AES128", key, Md5(key)), HttpStatusCode.BadRequest, "InvalidEncryptionAlgorithmError");
        var both = await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Put, "/" + bucket + "/k", body: "x"u8.ToArray(), headers: new Dictionary<string, string>
        {
            ["x-amz-server-side-encryption"] = "AES256",
            ["x-amz-server-side-encryption-customer-algorithm"] = "AES256",
            ["x-amz-server-side-encryption-customer-key"] = key,
            ["x-amz-server-side-encryption-customer-key-MD5"] = Md5(key),
        });
        await RawS3.AssertErrorAsync(both, HttpStatusCode.BadRequest, "InvalidArgument");
        await S3Assert.FailsWithStatusAsync(HttpStatusCode.NotFound, () => _s3.GetObjectMetadataAsync(bucket, "k"));

        // A key sent for an object that is not SSE-C is refused too.
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "clear", ContentBody = "clear" });
        await S3Assert.FailsAsync("InvalidRequest", HttpStatusCode.BadRequest, () => _s3.GetObjectAsync(Get(bucket, "clear", key)));
    }

    [Fact]
    public async Task Copy_moves_an_object_from_one_customer_key_to_another_and_to_SSE_S3()
    {
        var bucket = await fixture.CreateBucketAsync("ssec-copy");
        var (first, second) = (NewKey(), NewKey());
        var body = TestBytes.Random(250_000, 5);
        await _s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket, Key = "src", InputStream = new MemoryStream(body),
            ServerSideEncryptionCustomerMethod = ServerSideEncryptionCustomerMethod.AES256, ServerSideEncryptionCustomerProvidedKey = first,
        });

        // Without the source's key the copy cannot read it.
        await S3Assert.FailsAsync("InvalidRequest", HttpStatusCode.BadRequest, () => _s3.CopyObjectAsync(bucket, "src", bucket, "dst"));

        var copy = await _s3.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = bucket, SourceKey = "src", DestinationBucket = bucket, DestinationKey = "dst",
            CopySourceServerSideEncryptionCustomerMethod = ServerSideEncryptionCustomerMethod.AES256, CopySourceServerSideEncryptionCustomerProvidedKey = first,
            ServerSideEncryptionCustomerMethod = ServerSideEncryptionCustomerMethod.AES256, ServerSideEncryptionCustomerProvidedKey = second,
        });
        Assert.Equal(ServerSideEncryptionCustomerMethod.AES256, copy.ServerSideEncryptionCustomerMethod);
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => _s3.GetObjectAsync(Get(bucket, "dst", first)));
        using (var get = await _s3.GetObjectAsync(Get(bucket, "dst", second)))
        {
            Assert.Equal(body, await SseS3Tests.ReadAllAsync(get));
        }

        var toS3 = await _s3.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = bucket, SourceKey = "dst", DestinationBucket = bucket, DestinationKey = "s3",
            CopySourceServerSideEncryptionCustomerMethod = ServerSideEncryptionCustomerMethod.AES256, CopySourceServerSideEncryptionCustomerProvidedKey = second,
            ServerSideEncryptionMethod = ServerSideEncryptionMethod.AES256,
        });
        Assert.Equal(ServerSideEncryptionMethod.AES256, toS3.ServerSideEncryptionMethod);
        using var plain = await _s3.GetObjectAsync(bucket, "s3");
        Assert.Equal(body, await SseS3Tests.ReadAllAsync(plain));
    }

    [Fact]
    public async Task A_multipart_upload_with_a_customer_key_needs_it_for_every_part_and_reads_by_part()
    {
        var bucket = await fixture.CreateBucketAsync("ssec-mpu");
        var key = NewKey();
        var parts = new[] { TestBytes.Random(TestBytes.MinPartSize, 1), TestBytes.Random(777_777, 2) };
        var init = await _s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = bucket, Key = "mpu",
            ServerSideEncryptionCustomerMethod = ServerSideEncryptionCustomerMethod.AES256, ServerSideEncryptionCustomerProvidedKey = key,
        });
        Assert.Equal(Md5(key), init.ServerSideEncryptionCustomerProvidedKeyMD5);

        // A part without the key, or with another one, is refused.
        await S3Assert.FailsAsync("InvalidRequest", HttpStatusCode.BadRequest, () => _s3.UploadPartAsync(new UploadPartRequest
        {
            BucketName = bucket, Key = "mpu", UploadId = init.UploadId, PartNumber = 1, InputStream = new MemoryStream(parts[0]),
        }));
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => _s3.UploadPartAsync(Part(bucket, init.UploadId, 1, parts[0], NewKey())));

        var etags = new List<PartETag>();
        for (int i = 0; i < parts.Length; i++)
        {
            var part = await _s3.UploadPartAsync(Part(bucket, init.UploadId, i + 1, parts[i], key));
            Assert.Equal(TestBytes.QuotedETag(parts[i]), part.ETag);
            etags.Add(new PartETag(i + 1, part.ETag));
        }

        await _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = bucket, Key = "mpu", UploadId = init.UploadId, PartETags = etags });
        await S3Assert.FailsAsync("InvalidRequest", HttpStatusCode.BadRequest, () => _s3.GetObjectAsync(bucket, "mpu"));
        using (var whole = await _s3.GetObjectAsync(Get(bucket, "mpu", key)))
        {
            Assert.Equal(parts.SelectMany(p => p).ToArray(), await SseS3Tests.ReadAllAsync(whole));
        }

        var second = Get(bucket, "mpu", key);
        second.PartNumber = 2;
        using var read = await _s3.GetObjectAsync(second);
        Assert.Equal(parts[1], await SseS3Tests.ReadAllAsync(read));
    }

    [Fact]
    public async Task UploadPartCopy_reads_an_SSE_C_source_with_its_key_into_a_part_of_another_key()
    {
        var bucket = await fixture.CreateBucketAsync("ssec-partcopy");
        var (sourceKey, uploadKey) = (NewKey(), NewKey());
        var body = TestBytes.Random(TestBytes.MinPartSize + 4096, 21);
        await _s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket, Key = "src", InputStream = new MemoryStream(body),
            ServerSideEncryptionCustomerMethod = ServerSideEncryptionCustomerMethod.AES256, ServerSideEncryptionCustomerProvidedKey = sourceKey,
        });
        var init = await _s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = bucket, Key = "mpu",
            ServerSideEncryptionCustomerMethod = ServerSideEncryptionCustomerMethod.AES256, ServerSideEncryptionCustomerProvidedKey = uploadKey,
        });

        CopyPartRequest Copy(int number, long first, long last, string? source) => new()
        {
            SourceBucket = bucket, SourceKey = "src", DestinationBucket = bucket, DestinationKey = "mpu", UploadId = init.UploadId,
            PartNumber = number, FirstByte = first, LastByte = last,
            CopySourceServerSideEncryptionCustomerMethod = source is null ? null : ServerSideEncryptionCustomerMethod.AES256,
            CopySourceServerSideEncryptionCustomerProvidedKey = source,
            ServerSideEncryptionCustomerMethod = ServerSideEncryptionCustomerMethod.AES256, ServerSideEncryptionCustomerProvidedKey = uploadKey,
        };

        await S3Assert.FailsAsync("InvalidRequest", HttpStatusCode.BadRequest, () => _s3.CopyPartAsync(Copy(1, 0, TestBytes.MinPartSize - 1, null)));
        var first = await _s3.CopyPartAsync(Copy(1, 0, TestBytes.MinPartSize - 1, sourceKey));
        var second = await _s3.CopyPartAsync(Copy(2, TestBytes.MinPartSize, body.Length - 1, sourceKey));
        await _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket, Key = "mpu", UploadId = init.UploadId, PartETags = [new PartETag(1, first.ETag), new PartETag(2, second.ETag)],
        });

        using var get = await _s3.GetObjectAsync(Get(bucket, "mpu", uploadKey));
        Assert.Equal(body, await SseS3Tests.ReadAllAsync(get));
    }

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static string Md5(string base64Key) => Convert.ToBase64String(MD5.HashData(Convert.FromBase64String(base64Key)));

    private static GetObjectRequest Get(string bucket, string key, string customerKey) => new()
    {
        BucketName = bucket, Key = key,
        ServerSideEncryptionCustomerMethod = ServerSideEncryptionCustomerMethod.AES256, ServerSideEncryptionCustomerProvidedKey = customerKey,
    };

    private static GetObjectMetadataRequest Head(string bucket, string key, string customerKey) => new()
    {
        BucketName = bucket, Key = key,
        ServerSideEncryptionCustomerMethod = ServerSideEncryptionCustomerMethod.AES256, ServerSideEncryptionCustomerProvidedKey = customerKey,
    };

    private static UploadPartRequest Part(string bucket, string uploadId, int number, byte[] body, string customerKey) => new()
    {
        BucketName = bucket, Key = "mpu", UploadId = uploadId, PartNumber = number, InputStream = new MemoryStream(body),
        ServerSideEncryptionCustomerMethod = ServerSideEncryptionCustomerMethod.AES256, ServerSideEncryptionCustomerProvidedKey = customerKey,
    };
}
