using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Sdk;

/// <summary>DeleteObjects (POST ?delete): verbose lists every key, quiet lists only errors; missing keys count as deleted.</summary>
public sealed class DeleteObjectsTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>, IDisposable
{
    private readonly AmazonS3Client _s3 = fixture.CreateS3Client();

    public void Dispose() => _s3.Dispose();

    [Fact]
    public async Task Verbose_delete_reports_every_key_including_missing_ones()
    {
        var bucket = await fixture.CreateBucketAsync("multi-verbose");
        await _s3.PutBytesAsync(bucket, "a", [1]);
        await _s3.PutBytesAsync(bucket, "b/c", TestBytes.Random(200 * TestBytes.KiB, seed: 1));
        await _s3.PutBytesAsync(bucket, "keep", [3]);

        var response = await _s3.DeleteObjectsAsync(new DeleteObjectsRequest
        {
            BucketName = bucket,
            Objects = [new KeyVersion { Key = "a" }, new KeyVersion { Key = "b/c" }, new KeyVersion { Key = "never-existed" }],
        });

        Assert.Equal(["a", "b/c", "never-existed"], (response.DeletedObjects ?? []).Select(d => d.Key).Order(StringComparer.Ordinal));
        Assert.Empty(response.DeleteErrors ?? []);
        Assert.Equal(["keep"], await _s3.ListAllKeysAsync(bucket));
    }

    [Fact]
    public async Task Quiet_delete_reports_nothing_for_successes()
    {
        var bucket = await fixture.CreateBucketAsync("multi-quiet");
        await _s3.PutBytesAsync(bucket, "a", [1]);
        await _s3.PutBytesAsync(bucket, "b", [2]);

        var response = await _s3.DeleteObjectsAsync(new DeleteObjectsRequest
        {
            BucketName = bucket,
            Quiet = true,
            Objects = [new KeyVersion { Key = "a" }, new KeyVersion { Key = "b" }, new KeyVersion { Key = "missing" }],
        });

        Assert.Equal(HttpStatusCode.OK, response.HttpStatusCode);
        Assert.Empty(response.DeletedObjects ?? []);
        Assert.Empty(response.DeleteErrors ?? []);
        Assert.Empty(await _s3.ListAllKeysAsync(bucket));
    }

    [Fact]
    public async Task Delete_of_a_thousand_keys_in_one_request_removes_them_all()
    {
        var bucket = await fixture.CreateBucketAsync("multi-1000");
        var keys = Enumerable.Range(0, 1000).Select(i => $"k{i:D4}").ToList();
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (key, _) => await _s3.PutBytesAsync(bucket, key, [1]));

        var response = await _s3.DeleteObjectsAsync(new DeleteObjectsRequest
        {
            BucketName = bucket, Objects = keys.Select(k => new KeyVersion { Key = k }).ToList(),
        });

        Assert.Equal(1000, response.DeletedObjects?.Count);
        Assert.Empty(await _s3.ListAllKeysAsync(bucket));
    }

    [Fact]
    public async Task Delete_objects_in_a_missing_bucket_is_NoSuchBucket()
    {
        await S3Assert.FailsAsync("NoSuchBucket", HttpStatusCode.NotFound, () => _s3.DeleteObjectsAsync(new DeleteObjectsRequest
        {
            BucketName = fixture.NewBucketName("missing"), Objects = [new KeyVersion { Key = "a" }],
        }));
    }

    [Fact]
    public async Task Malformed_delete_document_is_MalformedXML()
    {
        var bucket = await fixture.CreateBucketAsync("multi-malformed");
        var body = "<Delete><Object><Key>a</Key></Object"u8.ToArray();

        using var response = await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Post, "/" + bucket,
            query: [new("delete", "")], body: body,
            headers: new Dictionary<string, string> { ["Content-MD5"] = TestBytes.Md5Base64(body) });

        await RawS3.AssertErrorAsync(response, HttpStatusCode.BadRequest, "MalformedXML");
    }

    [Fact]
    public async Task Delete_document_of_more_than_a_thousand_keys_is_MalformedXML()
    {
        var bucket = await fixture.CreateBucketAsync("multi-1001");
        var body = System.Text.Encoding.UTF8.GetBytes(
            "<Delete>" + string.Concat(Enumerable.Range(0, 1001).Select(i => $"<Object><Key>k{i}</Key></Object>")) + "</Delete>");

        using var response = await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Post, "/" + bucket,
            query: [new("delete", "")], body: body,
            headers: new Dictionary<string, string> { ["Content-MD5"] = TestBytes.Md5Base64(body) });

        await RawS3.AssertErrorAsync(response, HttpStatusCode.BadRequest, "MalformedXML");
    }
}
