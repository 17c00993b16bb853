using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Sdk;

/// <summary>
/// Conditional writes (AWS "Conditional writes"), decided in the commit transaction: of many concurrent creators
/// with If-None-Match: * exactly one wins and every other gets 412; If-Match replaces only the object it names.
/// </summary>
public sealed class ConditionalWriteTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>
{
    [Fact]
    public async Task Of_32_concurrent_creators_exactly_one_wins_and_its_bytes_are_stored()
    {
        var bucket = await fixture.CreateBucketAsync("cond-race");
        var clients = Enumerable.Range(0, 4).Select(_ => fixture.CreateS3Client()).ToArray();
        try
        {
            using var start = new SemaphoreSlim(0);
            var writers = Enumerable.Range(0, 32).Select(async i =>
            {
                await start.WaitAsync();
                try
                {
                    var put = await clients[i % clients.Length].PutObjectAsync(new PutObjectRequest
                    {
                        BucketName = bucket, Key = "lock", ContentBody = $"writer {i}", IfNoneMatch = "*",
                    });
                    return (Writer: i, Status: put.HttpStatusCode, Code: (string?)null);
                }
                catch (AmazonS3Exception e)
                {
                    return (Writer: i, Status: e.StatusCode, Code: e.ErrorCode);
                }
            }).ToList();
            start.Release(32);
            var outcomes = await Task.WhenAll(writers);

            var winner = Assert.Single(outcomes, o => o.Status == HttpStatusCode.OK);
            Assert.All(outcomes.Where(o => o.Writer != winner.Writer), o => Assert.Equal((HttpStatusCode.PreconditionFailed, "PreconditionFailed"), (o.Status, o.Code)));
            using var stored = await clients[0].GetObjectAsync(bucket, "lock");
            Assert.Equal($"writer {winner.Writer}", await new StreamReader(stored.ResponseStream).ReadToEndAsync());
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    [Fact]
    public async Task If_match_replaces_only_the_object_it_names()
    {
        var bucket = await fixture.CreateBucketAsync("cond-replace");
        using var s3 = fixture.CreateS3Client();
        var first = await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "v1" });
        var second = await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "v2", IfMatch = first.ETag });
        Assert.Equal(HttpStatusCode.OK, second.HttpStatusCode);

        var stale = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() =>
            s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "v3", IfMatch = first.ETag }));
        Assert.Equal((HttpStatusCode.PreconditionFailed, "PreconditionFailed"), (stale.StatusCode, stale.ErrorCode));
        var missing = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() =>
            s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "absent", ContentBody = "x", IfMatch = first.ETag }));
        Assert.Equal((HttpStatusCode.NotFound, "NoSuchKey"), (missing.StatusCode, missing.ErrorCode));

        using var stored = await s3.GetObjectAsync(bucket, "k");
        Assert.Equal("v2", await new StreamReader(stored.ResponseStream).ReadToEndAsync());
    }
}
