using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Sdk;

/// <summary>ListBuckets with prefix, max-buckets and continuation-token (ListBuckets, "URI Request Parameters").</summary>
public sealed class ListBucketsPagingTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>, IDisposable
{
    private readonly AmazonS3Client _s3 = fixture.CreateS3Client();

    public void Dispose() => _s3.Dispose();

    [Fact]
    public async Task Pages_of_one_bucket_walk_every_bucket_with_the_prefix_once()
    {
        var prefix = "paged-" + Guid.NewGuid().ToString("N")[..6] + "-";
        string[] names = [prefix + "a", prefix + "b", prefix + "c"];
        foreach (var name in names)
        {
            await _s3.PutBucketAsync(name);
        }

        await _s3.PutBucketAsync("other-" + Guid.NewGuid().ToString("N")[..6]);

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await _s3.ListBucketsAsync(new ListBucketsRequest { Prefix = prefix, MaxBuckets = 1, ContinuationToken = token });
            seen.AddRange((page.Buckets ?? []).Select(b => b.BucketName));
            Assert.Equal(prefix, page.Prefix);
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null && pages < 10);

        Assert.Equal(names, seen);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task Without_paging_every_bucket_comes_in_one_answer()
    {
        var name = "unpaged-" + Guid.NewGuid().ToString("N")[..6];
        await _s3.PutBucketAsync(name);

        var page = await _s3.ListBucketsAsync();

        Assert.Contains(page.Buckets ?? [], b => b.BucketName == name);
        Assert.Null(page.ContinuationToken);
    }
}
