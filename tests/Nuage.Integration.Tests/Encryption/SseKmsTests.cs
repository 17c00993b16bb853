using System.Net;
using System.Text;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Integration.Tests.Access;
using Nuage.Integration.Tests.Admin;
using Nuage.Integration.Tests.Sdk;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Encryption;

/// <summary>
/// SSE-KMS through AWSSDK.S3 against Nuage's own key store: keys created through the admin API, named by alias or
/// ARN on writes, the account's aws/s3 key by default, bucket defaults with S3 Bucket Keys, encryption context,
/// rotation, disabling, and the kms:GenerateDataKey / kms:Decrypt rights of users, each checked on the wire.
/// </summary>
public sealed class SseKmsTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>
{
    [Fact]
    public async Task A_named_key_encrypts_and_every_answer_names_its_ARN_with_the_context_on_writes()
    {
        var account = await TestAccount.CreateAsync(fixture, "kms-named");
        using var s3 = account.S3(fixture);
        var key = await CreateKeyAsync(account, "alias/photos");
        var bucket = await CreateBucketAsync(s3, "kms-named");
        var body = TestBytes.Random(1_000_000, 7);

        var put = await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket, Key = "k", InputStream = new MemoryStream(body),
            ServerSideEncryptionMethod = ServerSideEncryptionMethod.AWSKMS, ServerSideEncryptionKeyManagementServiceKeyId = "alias/photos",
            ServerSideEncryptionKeyManagementServiceEncryptionContext = Base64Json("""{"team":"imaging"}"""),
        });
        Assert.Equal(ServerSideEncryptionMethod.AWSKMS, put.ServerSideEncryptionMethod);
        Assert.Equal(key.Arn, put.ServerSideEncryptionKeyManagementServiceKeyId);
        Assert.Equal(TestBytes.QuotedETag(body), put.ETag);

        // The context answered is the caller's pair with S3's aws:s3:arn naming the object.
        var context = DecodeContext(RawContext(put));
        Assert.Equal("imaging", context["team"]);
        Assert.Equal($"arn:aws:s3:::{bucket}/k", context["aws:s3:arn"]);

        var head = await s3.GetObjectMetadataAsync(bucket, "k");
        Assert.Equal(ServerSideEncryptionMethod.AWSKMS, head.ServerSideEncryptionMethod);
        Assert.Equal(key.Arn, head.ServerSideEncryptionKeyManagementServiceKeyId);
        using (var get = await s3.GetObjectAsync(bucket, "k"))
        {
            Assert.Equal(key.Arn, get.ServerSideEncryptionKeyManagementServiceKeyId);
            Assert.Equal(body, await SseS3Tests.ReadAllAsync(get));
        }

        using var ranged = await s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "k", ByteRange = new ByteRange(65_530, 200_000) });
        Assert.Equal(HttpStatusCode.PartialContent, ranged.HttpStatusCode);
        Assert.Equal(body.AsSpan(65_530, 200_000 - 65_530 + 1).ToArray(), await SseS3Tests.ReadAllAsync(ranged));

        // The same key by its id and by its ARN.
        foreach (var name in new[] { key.Id, key.Arn })
        {
            var again = await s3.PutObjectAsync(new PutObjectRequest
            {
                BucketName = bucket, Key = "by-" + name.Length, ContentBody = "x",
                ServerSideEncryptionMethod = ServerSideEncryptionMethod.AWSKMS, ServerSideEncryptionKeyManagementServiceKeyId = name,
            });
            Assert.Equal(key.Arn, again.ServerSideEncryptionKeyManagementServiceKeyId);
        }
    }

    [Fact]
    public async Task Without_a_key_id_the_accounts_aws_s3_key_is_created_once_and_used()
    {
        var account = await TestAccount.CreateAsync(fixture, "kms-default");
        using var s3 = account.S3(fixture);
        var bucket = await CreateBucketAsync(s3, "kms-default");
        var arns = new List<string>();
        foreach (var name in new[] { "a", "b" })
        {
            var put = await s3.PutObjectAsync(new PutObjectRequest
            {
                BucketName = bucket, Key = name, ContentBody = "data " + name, ServerSideEncryptionMethod = ServerSideEncryptionMethod.AWSKMS,
            });
            arns.Add(put.ServerSideEncryptionKeyManagementServiceKeyId);
        }

        Assert.Equal(arns[0], arns[1]);
        using var admin = account.Admin(fixture);
        var keys = (await admin.GetAsync($"/api/accounts/{account.Name}/kms-keys")).Expect(HttpStatusCode.OK).Json.GetProperty("keys");
        var only = Assert.Single(keys.EnumerateArray());
        Assert.Equal("alias/aws/s3", only.GetProperty("alias").GetString());
        Assert.True(only.GetProperty("awsManaged").GetBoolean());
        Assert.Equal(arns[0], only.GetProperty("arn").GetString());
    }

    [Fact]
    public async Task A_bucket_default_with_a_Bucket_Key_covers_plain_puts_multipart_uploads_and_copies()
    {
        var account = await TestAccount.CreateAsync(fixture, "kms-bucket");
        using var s3 = account.S3(fixture);
        var key = await CreateKeyAsync(account, "alias/archive");
        var bucket = await CreateBucketAsync(s3, "kms-bucket");
        await s3.PutBucketEncryptionAsync(new PutBucketEncryptionRequest
        {
            BucketName = bucket,
            ServerSideEncryptionConfiguration = new ServerSideEncryptionConfiguration
            {
                ServerSideEncryptionRules =
                [
                    new ServerSideEncryptionRule
                    {
                        BucketKeyEnabled = true,
                        ServerSideEncryptionByDefault = new ServerSideEncryptionByDefault
                        {
                            ServerSideEncryptionAlgorithm = ServerSideEncryptionMethod.AWSKMS, ServerSideEncryptionKeyManagementServiceKeyId = "alias/archive",
                        },
                    },
                ],
            },
        });
        var rule = Assert.Single((await s3.GetBucketEncryptionAsync(new GetBucketEncryptionRequest { BucketName = bucket })).ServerSideEncryptionConfiguration.ServerSideEncryptionRules);
        Assert.True(rule.BucketKeyEnabled);
        Assert.Equal("alias/archive", rule.ServerSideEncryptionByDefault.ServerSideEncryptionKeyManagementServiceKeyId);

        var plain = await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "plain", ContentBody = "plain body" });
        Assert.Equal(ServerSideEncryptionMethod.AWSKMS, plain.ServerSideEncryptionMethod);
        Assert.Equal(key.Arn, plain.ServerSideEncryptionKeyManagementServiceKeyId);
        Assert.True(plain.BucketKeyEnabled);
        Assert.Equal($"arn:aws:s3:::{bucket}", DecodeContext(RawContext(plain))["aws:s3:arn"]);

        // Multipart: two 5 MiB parts and a short one, read back whole and across a part boundary.
        var data = TestBytes.Random((2 * 5 * 1024 * 1024) + 1000, 11);
        var upload = await s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = "big" });
        Assert.Equal(key.Arn, upload.ServerSideEncryptionKeyManagementServiceKeyId);
        var etags = new List<PartETag>();
        for (int part = 0; part < 3; part++)
        {
            int offset = part * 5 * 1024 * 1024;
            int length = Math.Min(5 * 1024 * 1024, data.Length - offset);
            var uploaded = await s3.UploadPartAsync(new UploadPartRequest
            {
                BucketName = bucket, Key = "big", UploadId = upload.UploadId, PartNumber = part + 1, InputStream = new MemoryStream(data, offset, length),
            });
            etags.Add(new PartETag(part + 1, uploaded.ETag));
        }

        var completed = await s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = bucket, Key = "big", UploadId = upload.UploadId, PartETags = etags });
        Assert.Equal(ServerSideEncryptionMethod.AWSKMS, completed.ServerSideEncryptionMethod);
        using (var get = await s3.GetObjectAsync(bucket, "big"))
        {
            Assert.Equal(key.Arn, get.ServerSideEncryptionKeyManagementServiceKeyId);
            Assert.Equal(data, await SseS3Tests.ReadAllAsync(get));
        }

        using (var across = await s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "big", ByteRange = new ByteRange((5 * 1024 * 1024) - 10, (5 * 1024 * 1024) + 10) }))
        {
            Assert.Equal(data.AsSpan((5 * 1024 * 1024) - 10, 21).ToArray(), await SseS3Tests.ReadAllAsync(across));
        }

        // A copy is encrypted as its destination asks, here the bucket default, whatever its source was.
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "s3-managed", ContentBody = "source", ServerSideEncryptionMethod = ServerSideEncryptionMethod.AES256 });
        var copy = await s3.CopyObjectAsync(new CopyObjectRequest { SourceBucket = bucket, SourceKey = "s3-managed", DestinationBucket = bucket, DestinationKey = "copied" });
        Assert.Equal(ServerSideEncryptionMethod.AWSKMS, copy.ServerSideEncryptionMethod);
        using var copied = await s3.GetObjectAsync(bucket, "copied");
        Assert.Equal("source", Encoding.UTF8.GetString(await SseS3Tests.ReadAllAsync(copied)));
    }

    [Fact]
    public async Task Rotation_keeps_old_objects_readable_and_a_disabled_key_stops_reads_and_writes_until_enabled()
    {
        var account = await TestAccount.CreateAsync(fixture, "kms-rotate");
        using var s3 = account.S3(fixture);
        using var admin = account.Admin(fixture);
        var key = await CreateKeyAsync(account, "alias/rotating");
        var bucket = await CreateBucketAsync(s3, "kms-rotate");
        await PutKmsAsync(s3, bucket, "before", "alias/rotating");
        var rotated = (await admin.PostAsync($"/api/accounts/{account.Name}/kms-keys/{key.Id}/rotate")).Expect(HttpStatusCode.OK);
        Assert.Equal(2, rotated.Json.GetProperty("materialVersions").GetInt32());
        await PutKmsAsync(s3, bucket, "after", "alias/rotating");
        Assert.Equal("before", await ReadAsync(s3, bucket, "before"));
        Assert.Equal("after", await ReadAsync(s3, bucket, "after"));

        var disabled = (await admin.PostAsync($"/api/accounts/{account.Name}/kms-keys/{Uri.EscapeDataString("alias/rotating")}/disable")).Expect(HttpStatusCode.OK);
        Assert.False(disabled.Json.GetProperty("enabled").GetBoolean());
        await S3Assert.FailsAsync("KMS.DisabledException", HttpStatusCode.BadRequest, () => ReadAsync(s3, bucket, "before"));
        await S3Assert.FailsAsync("KMS.DisabledException", HttpStatusCode.BadRequest, () => PutKmsAsync(s3, bucket, "refused", "alias/rotating"));

        // HEAD reads no data and answers while the key is disabled, as on AWS.
        Assert.Equal(key.Arn, (await s3.GetObjectMetadataAsync(bucket, "before")).ServerSideEncryptionKeyManagementServiceKeyId);

        (await admin.PostAsync($"/api/accounts/{account.Name}/kms-keys/{key.Id}/enable")).Expect(HttpStatusCode.OK);
        Assert.Equal("before", await ReadAsync(s3, bucket, "before"));
        Assert.Equal("after", await ReadAsync(s3, bucket, "after"));
    }

    [Fact]
    public async Task Unknown_keys_other_accounts_keys_and_malformed_headers_are_refused_with_S3s_errors()
    {
        var account = await TestAccount.CreateAsync(fixture, "kms-bad");
        var other = await TestAccount.CreateAsync(fixture, "kms-other");
        using var s3 = account.S3(fixture);
        var othersKey = await CreateKeyAsync(other, "alias/theirs");
        var bucket = await CreateBucketAsync(s3, "kms-bad");

        await S3Assert.FailsAsync("KMS.NotFoundException", HttpStatusCode.BadRequest, () => PutKmsAsync(s3, bucket, "a", "alias/missing"));
        await S3Assert.FailsAsync("KMS.NotFoundException", HttpStatusCode.BadRequest, () => PutKmsAsync(s3, bucket, "a", Guid.NewGuid().ToString()));
        await S3Assert.FailsAsync("KMS.NotFoundException", HttpStatusCode.BadRequest, () => PutKmsAsync(s3, bucket, "a", othersKey.Arn));

        var signer = new SigV4Signer(account.AccessKey, account.SecretKey);
        Task<HttpResponseMessage> RawPutAsync(params (string Name, string Value)[] headers) =>
            RawS3.SendAsync(signer.CreateRequest(fixture.Endpoint, HttpMethod.Put, $"/{bucket}/a", null, "x"u8.ToArray(), headers.ToDictionary(h => h.Name, h => h.Value)));
        await RawS3.AssertErrorAsync(await RawPutAsync(("x-amz-server-side-encryption-aws-kms-key-id", "alias/missing")), HttpStatusCode.BadRequest, "InvalidArgument");
        await RawS3.AssertErrorAsync(
            await RawPutAsync(("x-amz-server-side-encryption", "aws:kms"), ("x-amz-server-side-encryption-context", Base64Json("[1,2]"))), HttpStatusCode.BadRequest, "InvalidArgument");
        await RawS3.AssertErrorAsync(
            await RawPutAsync(("x-amz-server-side-encryption", "aws:kms"), ("x-amz-server-side-encryption-bucket-key-enabled", "maybe")), HttpStatusCode.BadRequest, "InvalidArgument");
        await RawS3.AssertErrorAsync(await RawPutAsync(("x-amz-server-side-encryption", "aws:kms:dsse")), HttpStatusCode.NotImplemented, "NotImplemented");
        await S3Assert.FailsWithStatusAsync(HttpStatusCode.NotFound, () => s3.GetObjectMetadataAsync(bucket, "a"));
    }

    [Fact]
    public async Task Users_need_kms_GenerateDataKey_to_write_and_kms_Decrypt_to_read_under_a_customer_key_and_no_other_account_reads()
    {
        var account = await TestAccount.CreateAsync(fixture, "kms-perm");
        using var root = account.S3(fixture);
        var key = await CreateKeyAsync(account, "alias/payroll");
        var bucket = await CreateBucketAsync(root, "kms-perm");
        var s3All = $$"""{"Effect":"Allow","Action":"s3:*","Resource":["arn:aws:s3:::{{bucket}}","arn:aws:s3:::{{bucket}}/*"]}""";
        string Policy(params string[] kmsActions) => kmsActions.Length == 0
            ? $$"""{"Version":"2012-10-17","Statement":[{{s3All}}]}"""
            : $$"""{"Version":"2012-10-17","Statement":[{{s3All}},{"Effect":"Allow","Action":[{{string.Join(',', kmsActions.Select(a => $"\"{a}\""))}}],"Resource":"{{key.Arn}}"}]}""";
        using var s3Only = await account.UserAsync(fixture, "s3only", Policy());
        using var writer = await account.UserAsync(fixture, "writer", Policy("kms:GenerateDataKey"));
        using var reader = await account.UserAsync(fixture, "reader", Policy("kms:Decrypt"));

        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => PutKmsAsync(s3Only, bucket, "w", "alias/payroll"));
        await PutKmsAsync(writer, bucket, "w", "alias/payroll");
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => ReadAsync(writer, bucket, "w"));
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => ReadAsync(s3Only, bucket, "w"));
        Assert.Equal("w", await ReadAsync(reader, bucket, "w"));

        // A copy decrypts its source: kms:Decrypt is needed for it too.
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => s3Only.CopyObjectAsync(bucket, "w", bucket, "leaked"));
        await S3Assert.FailsWithStatusAsync(HttpStatusCode.NotFound, () => root.GetObjectMetadataAsync(bucket, "leaked"));

        // The account's aws/s3 key serves every principal of the account through S3, with no KMS permission.
        await s3Only.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "d", ContentBody = "d", ServerSideEncryptionMethod = ServerSideEncryptionMethod.AWSKMS });
        Assert.Equal("d", await ReadAsync(s3Only, bucket, "d"));

        // Another account granted s3:GetObject by the bucket policy still cannot use this account's key.
        var other = await TestAccount.CreateAsync(fixture, "kms-stranger");
        await root.PutBucketPolicyAsync(bucket, $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{other.Id}}:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::{{bucket}}/*"}]}""");
        await root.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "clear", ContentBody = "clear" });
        using var stranger = other.S3(fixture);
        Assert.Equal("clear", await ReadAsync(stranger, bucket, "clear"));
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => ReadAsync(stranger, bucket, "w"));
    }

    [Fact]
    public async Task The_admin_API_refuses_bad_aliases_duplicates_unknown_keys_and_other_accounts()
    {
        var account = await TestAccount.CreateAsync(fixture, "kms-admin");
        var other = await TestAccount.CreateAsync(fixture, "kms-admin-other");
        using var admin = account.Admin(fixture);
        using var otherAdmin = other.Admin(fixture);
        var keys = $"/api/accounts/{account.Name}/kms-keys";
        (await admin.PostAsync(keys, new { alias = "alias/one", description = "first" })).Expect(HttpStatusCode.Created);
        (await admin.PostAsync(keys, new { alias = "alias/one" })).ExpectError(HttpStatusCode.Conflict, "EntityAlreadyExists");
        (await admin.PostAsync(keys, new { alias = "no-prefix" })).ExpectError(HttpStatusCode.BadRequest, "InvalidInput");
        (await admin.PostAsync(keys, new { alias = "alias/aws/mine" })).ExpectError(HttpStatusCode.BadRequest, "InvalidInput");
        (await admin.PostAsync($"{keys}/{Guid.NewGuid()}/rotate")).ExpectError(HttpStatusCode.NotFound, "NoSuchEntity");
        Assert.Equal("first", (await admin.GetAsync($"{keys}/{Uri.EscapeDataString("alias/one")}")).Expect(HttpStatusCode.OK).String("description"));

        // One account's root neither sees nor changes another's keys.
        (await otherAdmin.GetAsync(keys)).ExpectError(HttpStatusCode.Forbidden, "AccessDenied");
        (await otherAdmin.PostAsync(keys, new { alias = "alias/intruder" })).ExpectError(HttpStatusCode.Forbidden, "AccessDenied");
        Assert.Single((await admin.GetAsync(keys)).Expect(HttpStatusCode.OK).Json.GetProperty("keys").EnumerateArray());
    }

    private async Task<(string Id, string Arn)> CreateKeyAsync(TestAccount account, string alias)
    {
        using var admin = account.Admin(fixture);
        var created = (await admin.PostAsync($"/api/accounts/{account.Name}/kms-keys", new { alias })).Expect(HttpStatusCode.Created);
        return (created.String("keyId"), created.String("arn"));
    }

    private async Task<string> CreateBucketAsync(AmazonS3Client s3, string purpose)
    {
        var bucket = fixture.NewBucketName(purpose);
        await s3.PutBucketAsync(bucket);
        return bucket;
    }

    private static Task<PutObjectResponse> PutKmsAsync(AmazonS3Client s3, string bucket, string key, string kmsKey) =>
        s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket, Key = key, ContentBody = key,
            ServerSideEncryptionMethod = ServerSideEncryptionMethod.AWSKMS, ServerSideEncryptionKeyManagementServiceKeyId = kmsKey,
        });

    private static async Task<string> ReadAsync(AmazonS3Client s3, string bucket, string key)
    {
        using var get = await s3.GetObjectAsync(bucket, key);
        return Encoding.UTF8.GetString(await SseS3Tests.ReadAllAsync(get));
    }

    private static string Base64Json(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json));

    private static string RawContext(PutObjectResponse response) =>
        response.ServerSideEncryptionKeyManagementServiceEncryptionContext
        ?? throw new Xunit.Sdk.XunitException("The answer has no x-amz-server-side-encryption-context.");

    private static Dictionary<string, string> DecodeContext(string base64) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(Convert.FromBase64String(base64))!;
}
