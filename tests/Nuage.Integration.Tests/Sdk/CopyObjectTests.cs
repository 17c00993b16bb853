using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Sdk;

/// <summary>CopyObject: COPY and REPLACE directives, copy onto itself, x-amz-copy-source-if-* conditions.</summary>
public sealed class CopyObjectTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>, IDisposable
{
    private const string OtherETag = "\"0123456789abcdef0123456789abcdef\"";

    private readonly AmazonS3Client _s3 = fixture.CreateS3Client();

    public void Dispose() => _s3.Dispose();

    [Theory]
    [InlineData(10)]
    [InlineData(600 * TestBytes.KiB)]
    public async Task Copy_with_COPY_directive_keeps_bytes_and_metadata(int size)
    {
        var bucket = await fixture.CreateBucketAsync("copy");
        var data = TestBytes.Random(size, seed: size);
        await PutSourceAsync(bucket, data);

        var copy = await _s3.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = bucket, SourceKey = "src", DestinationBucket = bucket, DestinationKey = "dst",
            MetadataDirective = S3MetadataDirective.COPY,
        });

        Assert.Equal(TestBytes.QuotedETag(data), copy.ETag);
        using var get = await _s3.GetObjectAsync(bucket, "dst");
        Assert.Equal(data, await get.ReadAllAsync());
        Assert.Equal("text/x-source", get.Headers.ContentType);
        Assert.Equal("inline", get.Headers.ContentDisposition);
        Assert.Equal("one", get.Metadata["x-amz-meta-origin"]);
    }

    [Fact]
    public async Task Copy_to_another_bucket_keeps_the_source()
    {
        var source = await fixture.CreateBucketAsync("copy-src");
        var target = await fixture.CreateBucketAsync("copy-dst");
        var data = TestBytes.Random(1234, seed: 2);
        await PutSourceAsync(source, data);

        await _s3.CopyObjectAsync(source, "src", target, "nested/dst");

        Assert.Equal(data, await _s3.GetBytesAsync(target, "nested/dst"));
        Assert.Equal(data, await _s3.GetBytesAsync(source, "src"));
    }

    [Fact]
    public async Task Copy_with_REPLACE_directive_takes_the_new_metadata()
    {
        var bucket = await fixture.CreateBucketAsync("copy-replace");
        var data = TestBytes.Random(100, seed: 3);
        await PutSourceAsync(bucket, data);

        var request = new CopyObjectRequest
        {
            SourceBucket = bucket, SourceKey = "src", DestinationBucket = bucket, DestinationKey = "dst",
            MetadataDirective = S3MetadataDirective.REPLACE, ContentType = "application/json",
        };
        request.Metadata["origin"] = "two";
        request.Metadata["extra"] = "yes";
        await _s3.CopyObjectAsync(request);

        using var get = await _s3.GetObjectAsync(bucket, "dst");
        Assert.Equal(data, await get.ReadAllAsync());
        Assert.Equal("application/json", get.Headers.ContentType);
        Assert.Null(get.Headers.ContentDisposition);
        Assert.Equal("two", get.Metadata["x-amz-meta-origin"]);
        Assert.Equal("yes", get.Metadata["x-amz-meta-extra"]);
        Assert.Equal(2, get.Metadata.Count);
    }

    [Fact]
    public async Task Copy_onto_itself_without_REPLACE_is_InvalidRequest()
    {
        var bucket = await fixture.CreateBucketAsync("copy-self");
        await PutSourceAsync(bucket, [1, 2]);

        await S3Assert.FailsAsync("InvalidRequest", HttpStatusCode.BadRequest,
            () => _s3.CopyObjectAsync(bucket, "src", bucket, "src"));
    }

    [Fact]
    public async Task Copy_onto_itself_with_REPLACE_updates_the_metadata()
    {
        var bucket = await fixture.CreateBucketAsync("copy-self-replace");
        var data = TestBytes.Random(300 * TestBytes.KiB, seed: 4);
        await PutSourceAsync(bucket, data);

        var request = new CopyObjectRequest
        {
            SourceBucket = bucket, SourceKey = "src", DestinationBucket = bucket, DestinationKey = "src",
            MetadataDirective = S3MetadataDirective.REPLACE, ContentType = "image/webp",
        };
        request.Metadata["origin"] = "rewritten";
        var copy = await _s3.CopyObjectAsync(request);

        Assert.Equal(TestBytes.QuotedETag(data), copy.ETag);
        using var get = await _s3.GetObjectAsync(bucket, "src");
        Assert.Equal("image/webp", get.Headers.ContentType);
        Assert.Equal("rewritten", get.Metadata["x-amz-meta-origin"]);
        Assert.Equal(data, await get.ReadAllAsync());
    }

    [Fact]
    public async Task Copy_source_if_match_with_the_source_etag_copies()
    {
        var bucket = await fixture.CreateBucketAsync("copy-if-match");
        var etag = await PutSourceAsync(bucket, [5]);

        await _s3.CopyObjectAsync(new CopyObjectRequest { SourceBucket = bucket, SourceKey = "src", DestinationBucket = bucket, DestinationKey = "dst", ETagToMatch = etag });

        Assert.Equal([5], await _s3.GetBytesAsync(bucket, "dst"));
    }

    [Fact]
    public async Task Copy_source_if_match_with_another_etag_is_PreconditionFailed()
    {
        var bucket = await fixture.CreateBucketAsync("copy-if-match-fail");
        await PutSourceAsync(bucket, [5]);

        await S3Assert.FailsAsync("PreconditionFailed", HttpStatusCode.PreconditionFailed, () => _s3.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = bucket, SourceKey = "src", DestinationBucket = bucket, DestinationKey = "dst", ETagToMatch = OtherETag,
        }));
        await AssertAbsentAsync(bucket, "dst");
    }

    [Fact]
    public async Task Copy_source_if_none_match_with_the_source_etag_is_PreconditionFailed()
    {
        var bucket = await fixture.CreateBucketAsync("copy-if-none-match");
        var etag = await PutSourceAsync(bucket, [6]);

        await S3Assert.FailsAsync("PreconditionFailed", HttpStatusCode.PreconditionFailed, () => _s3.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = bucket, SourceKey = "src", DestinationBucket = bucket, DestinationKey = "dst", ETagToNotMatch = etag,
        }));
        await AssertAbsentAsync(bucket, "dst");

        await _s3.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = bucket, SourceKey = "src", DestinationBucket = bucket, DestinationKey = "dst", ETagToNotMatch = OtherETag,
        });
        Assert.Equal([6], await _s3.GetBytesAsync(bucket, "dst"));
    }

    [Fact]
    public async Task Copy_source_if_modified_since_after_the_last_change_is_PreconditionFailed()
    {
        var bucket = await fixture.CreateBucketAsync("copy-ims");
        await PutSourceAsync(bucket, [7]);
        var lastModified = await LastModifiedAsync(bucket, "src");

        await S3Assert.FailsAsync("PreconditionFailed", HttpStatusCode.PreconditionFailed, () => _s3.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = bucket, SourceKey = "src", DestinationBucket = bucket, DestinationKey = "dst", ModifiedSinceDate = lastModified,
        }));
        await AssertAbsentAsync(bucket, "dst");

        await _s3.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = bucket, SourceKey = "src", DestinationBucket = bucket, DestinationKey = "dst", ModifiedSinceDate = lastModified.AddHours(-1),
        });
        Assert.Equal([7], await _s3.GetBytesAsync(bucket, "dst"));
    }

    [Fact]
    public async Task Copy_source_if_unmodified_since_before_the_last_change_is_PreconditionFailed()
    {
        var bucket = await fixture.CreateBucketAsync("copy-ius");
        await PutSourceAsync(bucket, [8]);
        var lastModified = await LastModifiedAsync(bucket, "src");

        await S3Assert.FailsAsync("PreconditionFailed", HttpStatusCode.PreconditionFailed, () => _s3.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = bucket, SourceKey = "src", DestinationBucket = bucket, DestinationKey = "dst", UnmodifiedSinceDate = lastModified.AddHours(-1),
        }));
        await AssertAbsentAsync(bucket, "dst");

        await _s3.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = bucket, SourceKey = "src", DestinationBucket = bucket, DestinationKey = "dst", UnmodifiedSinceDate = lastModified,
        });
        Assert.Equal([8], await _s3.GetBytesAsync(bucket, "dst"));
    }

    [Fact]
    public async Task Copy_of_a_missing_key_is_NoSuchKey()
    {
        var bucket = await fixture.CreateBucketAsync("copy-nokey");

        await S3Assert.FailsAsync("NoSuchKey", HttpStatusCode.NotFound, () => _s3.CopyObjectAsync(bucket, "absent", bucket, "dst"));
    }

    [Fact]
    public async Task Copy_from_a_missing_bucket_is_NoSuchBucket()
    {
        var bucket = await fixture.CreateBucketAsync("copy-nobucket");

        await S3Assert.FailsAsync("NoSuchBucket", HttpStatusCode.NotFound,
            () => _s3.CopyObjectAsync(fixture.NewBucketName("missing"), "k", bucket, "dst"));
    }

    [Fact]
    public async Task Copied_key_with_special_characters_is_found()
    {
        var bucket = await fixture.CreateBucketAsync("copy-odd-key");
        await _s3.PutBytesAsync(bucket, "dir/ü ñ+&?.bin", [4, 2]);

        await _s3.CopyObjectAsync(bucket, "dir/ü ñ+&?.bin", bucket, "copy of ü");

        Assert.Equal([4, 2], await _s3.GetBytesAsync(bucket, "copy of ü"));
    }

    private async Task<string> PutSourceAsync(string bucket, byte[] data)
    {
        var put = await _s3.PutBytesAsync(bucket, "src", data, r =>
        {
            r.ContentType = "text/x-source";
            r.Headers.ContentDisposition = "inline";
            r.Metadata["origin"] = "one";
        });
        return put.ETag;
    }

    private async Task<DateTime> LastModifiedAsync(string bucket, string key)
    {
        var head = await _s3.GetObjectMetadataAsync(bucket, key);
        return DateTime.SpecifyKind(head.LastModified!.Value.ToUniversalTime(), DateTimeKind.Utc);
    }

    private async Task AssertAbsentAsync(string bucket, string key) =>
        await S3Assert.FailsAsync("NoSuchKey", HttpStatusCode.NotFound, () => _s3.GetObjectAsync(bucket, key));
}
