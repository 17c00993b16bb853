using System.Net;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Integration.Tests.Access;
using Nuage.Integration.Tests.Sdk;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Encryption;

/// <summary>
/// Put/Get/DeleteBucketEncryption through AWSSDK.S3: the configuration round trip, its errors, its permissions,
/// and the default applied to PUT, copy, multipart and POST writes that carry no encryption header.
/// </summary>
public sealed class BucketEncryptionTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>, IDisposable
{
    private readonly AmazonS3Client _s3 = fixture.CreateS3Client();

    public void Dispose() => _s3.Dispose();

    [Fact]
    public async Task A_default_round_trips_and_a_bucket_without_one_says_so()
    {
        var bucket = await fixture.CreateBucketAsync("bsse-trip");

        // Nuage stores objects as sent unless asked (docs/encryption.md), so it does not claim AWS's AES256 default.
        await AssertNoConfigurationAsync(bucket);

        var put = await _s3.PutBucketEncryptionAsync(new PutBucketEncryptionRequest { BucketName = bucket, ServerSideEncryptionConfiguration = Aes256() });
        Assert.Equal(HttpStatusCode.OK, put.HttpStatusCode);
        var got = await _s3.GetBucketEncryptionAsync(new GetBucketEncryptionRequest { BucketName = bucket });
        var rule = Assert.Single(got.ServerSideEncryptionConfiguration.ServerSideEncryptionRules);
        Assert.Equal(ServerSideEncryptionMethod.AES256, rule.ServerSideEncryptionByDefault.ServerSideEncryptionAlgorithm);

        Assert.Equal(HttpStatusCode.NoContent, (await _s3.DeleteBucketEncryptionAsync(new DeleteBucketEncryptionRequest { BucketName = bucket })).HttpStatusCode);
        await AssertNoConfigurationAsync(bucket);
    }

    [Fact]
    public async Task Malformed_DSSE_and_mismatched_configurations_are_refused()
    {
        var bucket = await fixture.CreateBucketAsync("bsse-bad");
        var malformed = await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Put, "/" + bucket, [("encryption", "")], "<ServerSideEncryptionConfiguration><Rule>"u8.ToArray());
        await RawS3.AssertErrorAsync(malformed, HttpStatusCode.BadRequest, "MalformedXML");
        var unknown = await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Put, "/" + bucket, [("encryption", "")],
            "<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>ROT13</SSEAlgorithm></ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>"u8.ToArray());
        await RawS3.AssertErrorAsync(unknown, HttpStatusCode.BadRequest, "InvalidArgument");

        // Dual-layer SSE-KMS is not served: NotImplemented. A KMS key id with AES256 is InvalidArgument.
        var dsse = await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Put, "/" + bucket, [("encryption", "")],
            "<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>aws:kms:dsse</SSEAlgorithm></ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>"u8.ToArray());
        await RawS3.AssertErrorAsync(dsse, HttpStatusCode.NotImplemented, "NotImplemented");
        var keyWithAes = await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Put, "/" + bucket, [("encryption", "")],
            "<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm><KMSMasterKeyID>alias/x</KMSMasterKeyID></ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>"u8.ToArray());
        await RawS3.AssertErrorAsync(keyWithAes, HttpStatusCode.BadRequest, "InvalidArgument");
        await AssertNoConfigurationAsync(bucket);
        var missing = await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Get, "/" + fixture.NewBucketName("bsse-none"), [("encryption", "")]);
        await RawS3.AssertErrorAsync(missing, HttpStatusCode.NotFound, "NoSuchBucket");
    }

    [Fact]
    public async Task The_default_encrypts_writes_without_a_header_and_a_header_still_wins()
    {
        var bucket = await fixture.CreateBucketAsync("bsse-apply");
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "before", ContentBody = "before the default" });
        await _s3.PutBucketEncryptionAsync(new PutBucketEncryptionRequest { BucketName = bucket, ServerSideEncryptionConfiguration = Aes256() });

        var marker = DataDirectoryScan.Marker("bsse-" + Guid.NewGuid().ToString("N"));
        var body = DataDirectoryScan.Payload(marker, 400_000);
        var put = await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "put", InputStream = new MemoryStream(body) });
        Assert.Equal(ServerSideEncryptionMethod.AES256, put.ServerSideEncryptionMethod);
        Assert.Empty(DataDirectoryScan.FilesContaining(fixture.Server.DataDirectory, marker));
        Assert.True(string.IsNullOrEmpty((await _s3.GetObjectMetadataAsync(bucket, "before")).ServerSideEncryptionMethod?.Value));

        var copy = await _s3.CopyObjectAsync(bucket, "before", bucket, "copied");
        Assert.Equal(ServerSideEncryptionMethod.AES256, copy.ServerSideEncryptionMethod);

        var init = await _s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = "mpu" });
        Assert.Equal(ServerSideEncryptionMethod.AES256, init.ServerSideEncryptionMethod);
        var part = await _s3.UploadPartAsync(new UploadPartRequest { BucketName = bucket, Key = "mpu", UploadId = init.UploadId, PartNumber = 1, InputStream = new MemoryStream(body) });
        await _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = bucket, Key = "mpu", UploadId = init.UploadId, PartETags = [new PartETag(1, part.ETag)] });
        Assert.Equal(ServerSideEncryptionMethod.AES256, (await _s3.GetObjectMetadataAsync(bucket, "mpu")).ServerSideEncryptionMethod);
        Assert.Empty(DataDirectoryScan.FilesContaining(fixture.Server.DataDirectory, marker));

        // An SSE-C request keeps its customer key: the bucket default only fills in for requests without a header.
        var customer = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await _s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket, Key = "ssec", ContentBody = "mine",
            ServerSideEncryptionCustomerMethod = ServerSideEncryptionCustomerMethod.AES256, ServerSideEncryptionCustomerProvidedKey = customer,
        });
        await S3Assert.FailsAsync("InvalidRequest", HttpStatusCode.BadRequest, () => _s3.GetObjectAsync(bucket, "ssec"));

        using var get = await _s3.GetObjectAsync(bucket, "put");
        Assert.Equal(body, await SseS3Tests.ReadAllAsync(get));
    }

    [Fact]
    public async Task A_user_needs_s3_PutEncryptionConfiguration_to_set_or_delete_and_s3_GetEncryptionConfiguration_to_read()
    {
        var account = await TestAccount.CreateAsync(fixture, "bsse-perm");
        using var root = account.S3(fixture);
        var bucket = fixture.NewBucketName("bsse-perm");
        await root.PutBucketAsync(bucket);
        using var reader = await account.UserAsync(fixture, "reader", TestAccount.AllowPolicy("s3:GetEncryptionConfiguration", "arn:aws:s3:::" + bucket));
        using var writer = await account.UserAsync(fixture, "writer", TestAccount.AllowPolicy("s3:PutEncryptionConfiguration", "arn:aws:s3:::" + bucket));
        var request = new PutBucketEncryptionRequest { BucketName = bucket, ServerSideEncryptionConfiguration = Aes256() };

        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => reader.PutBucketEncryptionAsync(request));
        Assert.Equal(HttpStatusCode.OK, (await writer.PutBucketEncryptionAsync(request)).HttpStatusCode);
        Assert.Single((await reader.GetBucketEncryptionAsync(new GetBucketEncryptionRequest { BucketName = bucket })).ServerSideEncryptionConfiguration.ServerSideEncryptionRules);
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => writer.GetBucketEncryptionAsync(new GetBucketEncryptionRequest { BucketName = bucket }));
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => reader.DeleteBucketEncryptionAsync(new DeleteBucketEncryptionRequest { BucketName = bucket }));
        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteBucketEncryptionAsync(new DeleteBucketEncryptionRequest { BucketName = bucket })).HttpStatusCode);
    }

    /// <summary>
    /// The raw answer, since AWSSDK.S3 4 turns ServerSideEncryptionConfigurationNotFoundError into an empty
    /// configuration rather than an exception.
    /// </summary>
    private async Task AssertNoConfigurationAsync(string bucket)
    {
        var response = await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Get, "/" + bucket, [("encryption", "")]);
        await RawS3.AssertErrorAsync(response, HttpStatusCode.NotFound, "ServerSideEncryptionConfigurationNotFoundError");
        var sdk = await _s3.GetBucketEncryptionAsync(new GetBucketEncryptionRequest { BucketName = bucket });
        Assert.Empty(sdk.ServerSideEncryptionConfiguration?.ServerSideEncryptionRules ?? []);
    }

    private static ServerSideEncryptionConfiguration Aes256() => new()
    {
        ServerSideEncryptionRules =
        [
            new ServerSideEncryptionRule { ServerSideEncryptionByDefault = new ServerSideEncryptionByDefault { ServerSideEncryptionAlgorithm = ServerSideEncryptionMethod.AES256 } },
        ],
    };
}
