using System.Net;
using System.Xml.Linq;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Sdk;

/// <summary>ListObjectsV2: prefix, delimiter, max-keys and continuation tokens, start-after, fetch-owner, encoding-type=url, order.</summary>
public sealed class ListObjectsV2Tests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>, IDisposable
{
    private readonly AmazonS3Client _s3 = fixture.CreateS3Client();

    public void Dispose() => _s3.Dispose();

    [Fact]
    public async Task Listing_reports_key_size_etag_and_last_modified()
    {
        var bucket = await fixture.CreateBucketAsync("list-fields");
        var data = TestBytes.Random(150 * TestBytes.KiB, seed: 1);
        await _s3.PutBytesAsync(bucket, "file.bin", data);

        var page = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });

        var entry = Assert.Single(page.S3Objects ?? []);
        Assert.Equal(("file.bin", (long?)data.Length, TestBytes.QuotedETag(data)), (entry.Key, entry.Size, entry.ETag));
        Assert.NotNull(entry.LastModified);
        Assert.InRange(entry.LastModified.Value.ToUniversalTime(), DateTime.UtcNow.AddMinutes(-2), DateTime.UtcNow.AddMinutes(2));
        Assert.Equal(S3StorageClass.Standard, entry.StorageClass);
        Assert.Equal((1, false, bucket), (page.KeyCount, page.IsTruncated, page.Name));
    }

    [Fact]
    public async Task Empty_bucket_lists_nothing()
    {
        var bucket = await fixture.CreateBucketAsync("list-empty");

        var page = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });

        Assert.Empty(page.S3Objects ?? []);
        Assert.Empty(page.CommonPrefixes ?? []);
        Assert.Equal((0, false), (page.KeyCount, page.IsTruncated));
    }

    [Fact]
    public async Task Prefix_limits_the_keys()
    {
        var bucket = await PutKeysAsync("list-prefix", "photos/2024/a.jpg", "photos/2025/b.jpg", "photosynthesis", "docs/x", "photo");

        var page = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = "photos" });

        Assert.Equal(["photos/2024/a.jpg", "photos/2025/b.jpg", "photosynthesis"], Keys(page));
        Assert.Equal("photos", page.Prefix);
    }

    [Fact]
    public async Task Delimiter_rolls_keys_up_into_common_prefixes()
    {
        var bucket = await PutKeysAsync("list-delim", "a/1", "a/2", "b/1", "c", "d/e/f", "e");

        var page = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Delimiter = "/" });

        Assert.Equal(["c", "e"], Keys(page));
        Assert.Equal(["a/", "b/", "d/"], page.CommonPrefixes ?? []);
        Assert.Equal(5, page.KeyCount);
        Assert.Equal("/", page.Delimiter);
    }

    [Fact]
    public async Task Delimiter_with_prefix_lists_one_level_below_the_prefix()
    {
        var bucket = await PutKeysAsync("list-delim-prefix", "d/e/f", "d/e/g", "d/h", "d/i/j", "dx");

        var page = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = "d/", Delimiter = "/" });

        Assert.Equal(["d/h"], Keys(page));
        Assert.Equal(["d/e/", "d/i/"], page.CommonPrefixes ?? []);
    }

    [Fact]
    public async Task Max_keys_and_continuation_tokens_walk_every_key_once()
    {
        var expected = Enumerable.Range(0, 25).Select(i => $"key-{i:D2}").ToArray();
        var bucket = await PutKeysAsync("list-pages", expected);

        var seen = new List<string>();
        var pages = 0;
        string? token = null;
        do
        {
            var page = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, MaxKeys = 7, ContinuationToken = token });
            pages++;
            Assert.Equal(7, page.MaxKeys);
            Assert.Equal(token, page.ContinuationToken);
            Assert.Equal(page.S3Objects?.Count ?? 0, page.KeyCount);
            seen.AddRange(Keys(page));
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
            Assert.True(page.IsTruncated == true ? !string.IsNullOrEmpty(token) : page.NextContinuationToken is null);
        }
        while (token is not null);

        Assert.Equal(4, pages);
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task Pages_count_common_prefixes_against_max_keys()
    {
        var bucket = await PutKeysAsync("list-pages-delim", "a/1", "a/2", "b", "c/1", "d", "e/1", "e/2", "f");

        var entries = new List<string>();
        string? token = null;
        do
        {
            var page = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Delimiter = "/", MaxKeys = 2, ContinuationToken = token });
            Assert.InRange(page.KeyCount ?? -1, 1, 2);
            entries.AddRange(Keys(page).Concat(page.CommonPrefixes ?? []));
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (token is not null);

        Assert.Equal(["a/", "b", "c/", "d", "e/", "f"], entries.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Start_after_skips_keys_up_to_and_including_it()
    {
        var bucket = await PutKeysAsync("list-start-after", "a", "b", "c", "d");

        var page = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, StartAfter = "b" });
        var between = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, StartAfter = "bb" });

        Assert.Equal(["c", "d"], Keys(page));
        Assert.Equal("b", page.StartAfter);
        Assert.Equal(["c", "d"], Keys(between));
    }

    [Fact]
    public async Task Fetch_owner_adds_the_owner_to_each_entry()
    {
        var bucket = await PutKeysAsync("list-owner", "k");

        var without = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });
        var with = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, FetchOwner = true });

        Assert.Null(Assert.Single(without.S3Objects ?? []).Owner);
        var owner = Assert.Single(with.S3Objects ?? []).Owner;
        Assert.NotNull(owner);
        Assert.False(string.IsNullOrEmpty(owner.Id));
        var buckets = await _s3.ListBucketsAsync();
        Assert.Equal(buckets.Owner?.Id, owner.Id);
    }

    [Fact]
    public async Task Url_encoding_returns_keys_with_spaces_unicode_and_control_characters_intact()
    {
        string[] keys = ["a b", "tab\there", "ctrl\u0001char", "new\nline", "é/中文", "plus+and%percent", "amp&lt<gt>"];
        var bucket = await PutKeysAsync("list-url", keys);

        var page = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Encoding = EncodingType.Url });

        // AWSSDK.S3 4.x hands the encoded keys over as they are; S3 form-encodes them (space as '+', '+' as %2B).
        Assert.Equal(EncodingType.Url, page.Encoding);
        Assert.Equal(keys.Order(StringComparer.Ordinal), Keys(page).Select(WebUtility.UrlDecode).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Url_encoded_listing_carries_no_raw_control_characters()
    {
        var bucket = await PutKeysAsync("list-url-raw", "ctrl\u0001char", "sp ace");

        using var response = await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Get, "/" + bucket,
            query: [new("list-type", "2"), new("encoding-type", "url")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync());
        XNamespace s3 = "http://s3.amazonaws.com/doc/2006-03-01/";
        Assert.Equal("url", xml.Root!.Element(s3 + "EncodingType")?.Value);
        var rawKeys = xml.Root.Elements(s3 + "Contents").Select(c => c.Element(s3 + "Key")!.Value).ToList();
        Assert.Equal(2, rawKeys.Count);
        Assert.Contains("ctrl%01char", rawKeys);
        Assert.All(rawKeys, k => Assert.DoesNotContain(' ', k));
        Assert.Equal(["ctrl\u0001char", "sp ace"], rawKeys.Select(WebUtility.UrlDecode).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Url_encoding_applies_to_common_prefixes_too()
    {
        var bucket = await PutKeysAsync("list-url-prefixes", "dir one/a", "dir+two/b", "é/c");

        var page = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Delimiter = "/", Encoding = EncodingType.Url });

        Assert.Equal(["dir one/", "dir+two/", "é/"], (page.CommonPrefixes ?? []).Select(WebUtility.UrlDecode));
        Assert.DoesNotContain("é/", page.CommonPrefixes ?? []);
    }

    [Fact]
    public async Task Invalid_encoding_type_is_InvalidArgument()
    {
        var bucket = await fixture.CreateBucketAsync("list-bad-encoding");

        using var response = await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Get, "/" + bucket,
            query: [new("list-type", "2"), new("encoding-type", "base64")]);

        await RawS3.AssertErrorAsync(response, HttpStatusCode.BadRequest, "InvalidArgument");
    }

    [Fact]
    public async Task Keys_are_listed_in_utf8_byte_order()
    {
        // UTF-8 byte order differs from UTF-16 ordinal order for characters outside the BMP: "😀" (F0 9F 98 80)
        // sorts after "ｚ" (EF BD 9A) in UTF-8, before it in UTF-16.
        var bucket = await PutKeysAsync("list-order", "中", "é", "~", "B", "a", "ｚ", "😀", "a/b", "a-b", "A");

        var keys = await _s3.ListAllKeysAsync(bucket);

        Assert.Equal(["A", "B", "a", "a-b", "a/b", "~", "é", "中", "ｚ", "😀"], keys);
    }

    [Fact]
    public async Task Paging_in_utf8_order_resumes_after_non_bmp_keys()
    {
        string[] expected = ["a", "é", "中", "ｚ", "😀", "😀x", "🙂"];
        var bucket = await PutKeysAsync("list-order-pages", expected.Reverse().ToArray());

        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, MaxKeys = 2, ContinuationToken = token });
            seen.AddRange(Keys(page));
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (token is not null);

        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task Max_keys_that_is_not_a_number_is_InvalidArgument()
    {
        var bucket = await fixture.CreateBucketAsync("list-bad-max");

        using var response = await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Get, "/" + bucket,
            query: [new("list-type", "2"), new("max-keys", "lots")]);

        await RawS3.AssertErrorAsync(response, HttpStatusCode.BadRequest, "InvalidArgument");
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

    private static List<string> Keys(ListObjectsV2Response page) => (page.S3Objects ?? []).Select(o => o.Key).ToList();
}
