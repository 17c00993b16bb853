using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Integration.Tests.Access;
using Nuage.Integration.Tests.Sdk;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Encryption;

/// <summary>
/// The policy condition key s3:x-amz-server-side-encryption, in AWS's usual bucket policy that refuses uploads
/// without SSE-S3 ("Protecting data with server-side encryption", requiring it with a bucket policy).
/// </summary>
public sealed class EncryptionConditionKeyTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>
{
    [Fact]
    public async Task A_bucket_policy_can_refuse_uploads_without_AES256()
    {
        var account = await TestAccount.CreateAsync(fixture, "sse-cond");
        using var root = account.S3(fixture);
        var bucket = fixture.NewBucketName("sse-cond");
        await root.PutBucketAsync(bucket);
        using var writer = await account.UserAsync(fixture, "writer", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::"""
            + bucket + """/*"}]}""");
        await root.PutBucketPolicyAsync(bucket, """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::"""
            + bucket + """/*","Condition":{"StringNotEquals":{"s3:x-amz-server-side-encryption":"AES256"}}}]}""");

        var put = await writer.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "sealed", ContentBody = "x", ServerSideEncryptionMethod = ServerSideEncryptionMethod.AES256 });
        Assert.Equal(ServerSideEncryptionMethod.AES256, put.ServerSideEncryptionMethod);
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => writer.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "clear", ContentBody = "x" }));
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => writer.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = "mpu" }));
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => writer.CopyObjectAsync(bucket, "sealed", bucket, "copy"));
        await writer.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = bucket, SourceKey = "sealed", DestinationBucket = bucket, DestinationKey = "copy", ServerSideEncryptionMethod = ServerSideEncryptionMethod.AES256,
        });
    }

    [Fact]
    public async Task A_bucket_policy_can_require_one_KMS_key_by_s3_x_amz_server_side_encryption_aws_kms_key_id()
    {
        var account = await TestAccount.CreateAsync(fixture, "kms-cond");
        using var root = account.S3(fixture);
        using (var admin = account.Admin(fixture))
        {
            (await admin.PostAsync($"/api/accounts/{account.Name}/kms-keys", new { alias = "alias/required" })).Expect(HttpStatusCode.Created);
            (await admin.PostAsync($"/api/accounts/{account.Name}/kms-keys", new { alias = "alias/other" })).Expect(HttpStatusCode.Created);
        }

        var bucket = fixture.NewBucketName("kms-cond");
        await root.PutBucketAsync(bucket);
        await root.PutBucketPolicyAsync(bucket, """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::"""
            + bucket + """/*","Condition":{"StringNotEquals":{"s3:x-amz-server-side-encryption-aws-kms-key-id":"alias/required"}}}]}""");

        PutObjectRequest Put(string kmsKey) => new()
        {
            BucketName = bucket, Key = "k", ContentBody = "x",
            ServerSideEncryptionMethod = ServerSideEncryptionMethod.AWSKMS, ServerSideEncryptionKeyManagementServiceKeyId = kmsKey,
        };
        Assert.Equal(ServerSideEncryptionMethod.AWSKMS, (await root.PutObjectAsync(Put("alias/required"))).ServerSideEncryptionMethod);
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => root.PutObjectAsync(Put("alias/other")));
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => root.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "x" }));
    }
}
