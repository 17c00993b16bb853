using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Sdk;

/// <summary>ListObjects (version 1): marker and NextMarker paging, prefix and delimiter.</summary>
public sealed class ListObjectsV1Tests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>, IDisposable
{
    private readonly AmazonS3Client _s3 = fixture.CreateS3Client();

    public void Dispose() => _s3.Dispose();

    [Fact]
    public async Task Marker_skips_keys_up_to_and_including_it()
    {
        var bucket = await PutKeysAsync("v1-marker", "a", "b", "c", "d");

        var page = await _s3.ListObjectsAsync(new ListObjectsRequest { BucketName = bucket, Marker = "b" });

        Assert.Equal(["c", "d"], Keys(page));
        Assert.Equal("b", page.Marker);
        Assert.False(page.IsTruncated);
    }

    [Fact]
    public async Task Paging_with_a_delimiter_follows_NextMarker_through_every_entry()
    {
        // NextMarker is returned when a delimiter is given ("ListObjects", S3 API reference).
        var bucket = await PutKeysAsync("v1-pages", "a/1", "a/2", "b", "c/1", "d", "e", "f/1", "g");

        var entries = new List<string>();
        string? marker = null;
        var pages = 0;
        do
        {
            var page = await _s3.ListObjectsAsync(new ListObjectsRequest { BucketName = bucket, Delimiter = "/", MaxKeys = 3, Marker = marker });
            pages++;
            Assert.Equal(3, page.MaxKeys);
            entries.AddRange(Keys(page).Concat(page.CommonPrefixes ?? []));
            if (page.IsTruncated == true)
            {
                Assert.False(string.IsNullOrEmpty(page.NextMarker), "A truncated V1 page with a delimiter has no NextMarker.");
                marker = page.NextMarker;
            }
            else
            {
                marker = null;
            }
        }
        while (marker is not null);

        Assert.Equal(3, pages);
        Assert.Equal(["a/", "b", "c/", "d", "e", "f/", "g"], entries.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Paging_without_a_delimiter_resumes_from_the_last_key()
    {
        var expected = Enumerable.Range(0, 10).Select(i => $"k{i}").ToArray();
        var bucket = await PutKeysAsync("v1-last-key", expected);

        var seen = new List<string>();
        string? marker = null;
        do
        {
            var page = await _s3.ListObjectsAsync(new ListObjectsRequest { BucketName = bucket, MaxKeys = 4, Marker = marker });
            var keys = Keys(page);
            seen.AddRange(keys);
            marker = page.IsTruncated == true ? page.NextMarker ?? keys[^1] : null;
        }
        while (marker is not null);

        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task Prefix_and_delimiter_give_contents_and_common_prefixes()
    {
        var bucket = await PutKeysAsync("v1-delim", "p/x/1", "p/y", "p/z/2", "q");

        var page = await _s3.ListObjectsAsync(new ListObjectsRequest { BucketName = bucket, Prefix = "p/", Delimiter = "/" });

        Assert.Equal(["p/y"], Keys(page));
        Assert.Equal(["p/x/", "p/z/"], page.CommonPrefixes ?? []);
        Assert.Equal("p/", page.Prefix);
    }

    [Fact]
    public async Task Url_encoding_returns_keys_intact()
    {
        string[] keys = ["a b", "ctrl\u0002", "ü"];
        var bucket = await PutKeysAsync("v1-url", keys);

        var page = await _s3.ListObjectsAsync(new ListObjectsRequest { BucketName = bucket, Encoding = EncodingType.Url });

        // AWSSDK.S3 4.x does not decode; S3 form-encodes (space as '+').
        Assert.Equal(keys.Order(StringComparer.Ordinal), Keys(page).Select(System.Net.WebUtility.UrlDecode).Order(StringComparer.Ordinal));
    }

    private async Task<string> PutKeysAsync(string purpose, params string[] keys)
    {
        var bucket = await fixture.CreateBucketAsync(purpose);
        foreach (var key in keys)
        {
            await _s3.PutBytesAsync(bucket, key, [1]);
        }

        return bucket;
    }

    private static List<string> Keys(ListObjectsResponse page) => (page.S3Objects ?? []).Select(o => o.Key).ToList();
}
