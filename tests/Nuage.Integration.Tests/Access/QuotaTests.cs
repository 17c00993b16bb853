using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Integration.Tests.Admin;
using Nuage.Integration.Tests.BadInput;
using Nuage.Integration.Tests.Sdk;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Access;

/// <summary>
/// Issue 13: an account's storage quota (set with the admin API) refuses, with 403 QuotaExceeded, every write that
/// would take the account's stored bytes over it (PUT, copy, multipart part and completion), stores nothing for it,
/// refuses a too-large body before reading it, and lets the account write again once deleting made room.
/// </summary>
public sealed class QuotaTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>
{
    private const long Quota = 1000;

    [Fact]
    public async Task Put_over_the_quota_is_QuotaExceeded_and_stores_nothing_until_a_delete_makes_room()
    {
        var (account, s3, bucket) = await AccountWithQuotaAsync("put");
        await s3.PutObjectAsync(Put(bucket, "first", 600));

        var refused = await S3Assert.FailsAsync("QuotaExceeded", HttpStatusCode.Forbidden, () => s3.PutObjectAsync(Put(bucket, "second", 600)));
        Assert.Contains(account.Id, refused.Message, StringComparison.Ordinal);
        Assert.Contains("1000 bytes", refused.Message, StringComparison.Ordinal);
        await S3Assert.FailsWithStatusAsync(HttpStatusCode.NotFound, () => s3.GetObjectMetadataAsync(bucket, "second"));

        // Up to the quota exactly is allowed; one byte more is not.
        await s3.PutObjectAsync(Put(bucket, "fits", 400));
        await S3Assert.FailsAsync("QuotaExceeded", HttpStatusCode.Forbidden, () => s3.PutObjectAsync(Put(bucket, "one-byte", 1)));

        await s3.DeleteObjectAsync(bucket, "first");
        await s3.PutObjectAsync(Put(bucket, "second", 600));
        Assert.Equal(600, (await s3.GetObjectMetadataAsync(bucket, "second")).ContentLength);
    }

    [Fact]
    public async Task Copy_and_multipart_completion_over_the_quota_are_QuotaExceeded()
    {
        var (_, s3, bucket) = await AccountWithQuotaAsync("copy-mpu");
        await s3.PutObjectAsync(Put(bucket, "source", 600));
        await S3Assert.FailsAsync("QuotaExceeded", HttpStatusCode.Forbidden, () => s3.CopyObjectAsync(bucket, "source", bucket, "copy"));
        await S3Assert.FailsWithStatusAsync(HttpStatusCode.NotFound, () => s3.GetObjectMetadataAsync(bucket, "copy"));

        // A part that cannot fit beside the stored bytes is refused; one that fits is taken (parts are not usage
        // until completed), and the completion is refused once other writes have used the room.
        var upload = (await s3.InitiateMultipartUploadAsync(bucket, "big")).UploadId;
        await S3Assert.FailsAsync("QuotaExceeded", HttpStatusCode.Forbidden, () => s3.UploadPartAsync(new UploadPartRequest
        {
            BucketName = bucket, Key = "big", UploadId = upload, PartNumber = 1, InputStream = new MemoryStream(new byte[500]),
        }));
        var part = await s3.UploadPartAsync(new UploadPartRequest
        {
            BucketName = bucket, Key = "big", UploadId = upload, PartNumber = 1, InputStream = new MemoryStream(new byte[400]),
        });
        await s3.PutObjectAsync(Put(bucket, "filler", 100));
        var complete = new CompleteMultipartUploadRequest { BucketName = bucket, Key = "big", UploadId = upload, PartETags = [new PartETag(1, part.ETag)] };
        await S3Assert.FailsAsync("QuotaExceeded", HttpStatusCode.Forbidden, () => s3.CompleteMultipartUploadAsync(complete));
        await S3Assert.FailsWithStatusAsync(HttpStatusCode.NotFound, () => s3.GetObjectMetadataAsync(bucket, "big"));

        // The refused completion left the upload as it was: once the source is deleted, the same completion succeeds.
        await s3.DeleteObjectAsync(bucket, "source");
        await s3.CompleteMultipartUploadAsync(complete);
        Assert.Equal(400, (await s3.GetObjectMetadataAsync(bucket, "big")).ContentLength);
        await s3.PutObjectAsync(Put(bucket, "filler2", 500));
        await S3Assert.FailsAsync("QuotaExceeded", HttpStatusCode.Forbidden, () => s3.CopyObjectAsync(bucket, "filler2", bucket, "copy"));
    }

    [Fact]
    public async Task A_body_declared_over_the_quota_is_refused_before_it_is_read()
    {
        var (account, s3, bucket) = await AccountWithQuotaAsync("early");
        using (s3)
        {
            // Content-Length says 1 GiB, 64 KiB follow and the connection stays open: a server that read the body
            // before deciding would still be waiting when the exchange times out.
            var signer = new SigV4Signer(account.AccessKey, account.SecretKey);
            var head = RawHttp.SignedHead(signer, fixture.Endpoint, "PUT", SigV4Signer.EncodePath(bucket, "huge"), null, 1L << 30);
            var response = await RawHttp.ExchangeAsync(fixture.Endpoint, head, new byte[64 * 1024], BodyEnd.Complete, TimeSpan.FromSeconds(15));
            Assert.True(response is { Status: 403, ErrorCode: "QuotaExceeded" }, "Expected 403 QuotaExceeded, got:\n" + response);
        }
    }

    [Fact]
    public async Task A_browser_POST_over_the_quota_is_QuotaExceeded()
    {
        var (account, s3, bucket) = await AccountWithQuotaAsync("post");
        await s3.PutObjectAsync(Put(bucket, "first", 600));

        var (status, body) = await PostFormAsync(account, bucket, "posted", new byte[600]);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("<Code>QuotaExceeded</Code>", body, StringComparison.Ordinal);
        await S3Assert.FailsWithStatusAsync(HttpStatusCode.NotFound, () => s3.GetObjectMetadataAsync(bucket, "posted"));

        (status, _) = await PostFormAsync(account, bucket, "posted", new byte[400]);
        Assert.Equal(HttpStatusCode.NoContent, status);
    }

    [Fact]
    public async Task An_account_without_a_quota_or_with_the_quota_cleared_is_not_limited()
    {
        var (account, s3, bucket) = await AccountWithQuotaAsync("cleared");
        await S3Assert.FailsAsync("QuotaExceeded", HttpStatusCode.Forbidden, () => s3.PutObjectAsync(Put(bucket, "k", 2000)));
        using (var admin = AdminApi.AsOperator(fixture.ConsoleEndpoint))
        {
            (await admin.SendAsync(HttpMethod.Patch, $"/api/accounts/{account.Name}", new Dictionary<string, object?> { ["quotaBytes"] = null }))
                .Expect(HttpStatusCode.OK);
        }

        await s3.PutObjectAsync(Put(bucket, "k", 2000));
    }

    [Fact]
    public async Task The_admin_API_shows_an_accounts_usage_per_bucket_beside_its_quota_and_only_to_that_account_and_the_operator()
    {
        var (account, s3, bucket) = await AccountWithQuotaAsync("usage");
        var second = fixture.NewBucketName("quota-usage-2");
        await s3.PutBucketAsync(second);
        await s3.PutObjectAsync(Put(bucket, "a", 300));
        await s3.PutObjectAsync(Put(bucket, "b", 200));
        await s3.PutObjectAsync(Put(second, "c", 100));

        using var admin = account.Admin(fixture);
        var usage = (await admin.GetAsync($"/api/accounts/{account.Name}/usage")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(Quota, usage.GetProperty("quotaBytes").GetInt64());
        Assert.Equal(600, usage.GetProperty("storedBytes").GetInt64());
        var buckets = usage.GetProperty("buckets").EnumerateArray().ToDictionary(b => b.GetProperty("name").GetString()!, b => (b.GetProperty("objects").GetInt64(), b.GetProperty("bytes").GetInt64()));
        Assert.Equal((2L, 500L), buckets[bucket]);
        Assert.Equal((1L, 100L), buckets[second]);

        // What the usage says is what the quota counts: 400 more bytes fit, 401 do not.
        await S3Assert.FailsAsync("QuotaExceeded", HttpStatusCode.Forbidden, () => s3.PutObjectAsync(Put(bucket, "over", 401)));
        await s3.PutObjectAsync(Put(bucket, "fits", 400));

        var other = await TestAccount.CreateAsync(fixture, "quota-usage-other");
        using var otherAdmin = other.Admin(fixture);
        (await otherAdmin.GetAsync($"/api/accounts/{account.Name}/usage")).ExpectError(HttpStatusCode.Forbidden, "AccessDenied");
        using var operatorApi = AdminApi.AsOperator(fixture.ConsoleEndpoint);
        Assert.Equal(Quota, (await operatorApi.GetAsync($"/api/accounts/{account.Name}/usage")).Expect(HttpStatusCode.OK).Json.GetProperty("storedBytes").GetInt64());
    }

    private async Task<(TestAccount Account, AmazonS3Client S3, string Bucket)> AccountWithQuotaAsync(string purpose)
    {
        var account = await TestAccount.CreateAsync(fixture, "quota-" + purpose);
        using (var admin = AdminApi.AsOperator(fixture.ConsoleEndpoint))
        {
            (await admin.SendAsync(HttpMethod.Patch, $"/api/accounts/{account.Name}", new { quotaBytes = Quota })).Expect(HttpStatusCode.OK);
        }

        var s3 = account.S3(fixture);
        var bucket = fixture.NewBucketName("quota-" + purpose);
        await s3.PutBucketAsync(bucket);
        return (account, s3, bucket);
    }

    /// <summary>A POST Object form ("Browser-based uploads using POST"), signed with SigV2 by the account's root key.</summary>
    private async Task<(HttpStatusCode Status, string Body)> PostFormAsync(TestAccount account, string bucket, string key, byte[] file)
    {
        var expires = DateTimeOffset.UtcNow.AddHours(1).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var policy = Convert.ToBase64String(Encoding.UTF8.GetBytes(
            $$"""{"expiration": "{{expires}}", "conditions": [{"bucket": "{{bucket}}"}, ["starts-with", "$key", ""]]}"""));
        var signature = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(account.SecretKey), Encoding.UTF8.GetBytes(policy)));
        using var form = new MultipartFormDataContent("quota-" + Guid.NewGuid().ToString("N"));
        form.Add(new StringContent(account.AccessKey), "AWSAccessKeyId");
        form.Add(new StringContent(policy), "policy");
        form.Add(new StringContent(signature), "signature");
        form.Add(new StringContent(key), "key");
        form.Add(new StreamContent(new MemoryStream(file)), "file", "upload.bin");
        using var http = new HttpClient { BaseAddress = fixture.Endpoint };
        using var response = await http.PostAsync($"/{bucket}", form);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static PutObjectRequest Put(string bucket, string key, int size) =>
        new() { BucketName = bucket, Key = key, InputStream = new MemoryStream(new byte[size]) };
}
