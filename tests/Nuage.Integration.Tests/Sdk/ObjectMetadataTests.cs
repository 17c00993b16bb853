using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Sdk;

/// <summary>User metadata and representation headers stored by PutObject, returned by GET/HEAD, overridden by response-*.</summary>
public sealed class ObjectMetadataTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>, IDisposable
{
    private const string ExpiresValue = "Thu, 01 Dec 2044 16:00:00 GMT";

    private readonly AmazonS3Client _s3 = fixture.CreateS3Client();

    public void Dispose() => _s3.Dispose();

    [Fact]
    public async Task User_metadata_round_trips_on_get_and_head()
    {
        var bucket = await fixture.CreateBucketAsync("meta");
        await _s3.PutBytesAsync(bucket, "k", [1, 2, 3], r =>
        {
            r.Metadata["color"] = "blue";
            r.Metadata["x-amz-meta-Owner-Name"] = "Ada Lovelace";
        });

        using var get = await _s3.GetObjectAsync(bucket, "k");
        var head = await _s3.GetObjectMetadataAsync(bucket, "k");

        foreach (var metadata in new[] { get.Metadata, head.Metadata })
        {
            Assert.Equal("blue", metadata["x-amz-meta-color"]);
            Assert.Equal("Ada Lovelace", metadata["x-amz-meta-owner-name"]);
            Assert.Equal(2, metadata.Count);
        }
    }

    [Fact]
    public async Task Representation_headers_round_trip_on_get_and_head()
    {
        var bucket = await fixture.CreateBucketAsync("headers");
        await _s3.PutBytesAsync(bucket, "k", [1, 2, 3], r =>
        {
            r.ContentType = "text/plain; charset=utf-8";
            r.Headers.ContentEncoding = "compress";
            r.Headers.ContentDisposition = "attachment; filename=\"report.txt\"";
            r.Headers.ContentLanguage = "fr-CA";
            r.Headers.CacheControl = "max-age=3600, private";
            r.Expires = ExpiresValue;
        });

        using var get = await _s3.GetObjectAsync(bucket, "k");
        var head = await _s3.GetObjectMetadataAsync(bucket, "k");

        foreach (var (headers, expires) in new[] { (get.Headers, get.ExpiresString), (head.Headers, head.ExpiresString) })
        {
            Assert.Equal("text/plain; charset=utf-8", headers.ContentType);
            Assert.Equal("compress", headers.ContentEncoding);
            Assert.Equal("attachment; filename=\"report.txt\"", headers.ContentDisposition);
            Assert.Equal("fr-CA", headers.ContentLanguage);
            Assert.Equal("max-age=3600, private", headers.CacheControl);
            Assert.Equal(ExpiresValue, expires);
        }
    }

    [Fact]
    public async Task Response_overrides_replace_the_stored_headers_on_get()
    {
        var bucket = await fixture.CreateBucketAsync("overrides");
        await _s3.PutBytesAsync(bucket, "k", [1, 2, 3], r =>
        {
            r.ContentType = "application/octet-stream";
            r.Headers.ContentDisposition = "inline";
            r.Headers.CacheControl = "no-cache";
        });

        using var get = await _s3.GetObjectAsync(new GetObjectRequest
        {
            BucketName = bucket,
            Key = "k",
            ResponseHeaderOverrides = new ResponseHeaderOverrides
            {
                ContentType = "image/png",
                ContentDisposition = "attachment; filename=\"x.png\"",
                ContentLanguage = "de",
                ContentEncoding = "compress",
                CacheControl = "max-age=60",
                Expires = ExpiresValue,
            },
        });

        Assert.Equal("image/png", get.Headers.ContentType);
        Assert.Equal("attachment; filename=\"x.png\"", get.Headers.ContentDisposition);
        Assert.Equal("de", get.Headers.ContentLanguage);
        Assert.Equal("compress", get.Headers.ContentEncoding);
        Assert.Equal("max-age=60", get.Headers.CacheControl);
        Assert.Equal(ExpiresValue, get.ExpiresString);
        Assert.Equal([1, 2, 3], await get.ReadAllAsync());

        var head = await _s3.GetObjectMetadataAsync(bucket, "k");
        Assert.Equal("application/octet-stream", head.Headers.ContentType);
        Assert.Equal("inline", head.Headers.ContentDisposition);
    }

    [Fact]
    public async Task Overwrite_without_metadata_drops_the_old_metadata()
    {
        var bucket = await fixture.CreateBucketAsync("meta-overwrite");
        await _s3.PutBytesAsync(bucket, "k", [1], r => r.Metadata["old"] = "yes");

        await _s3.PutBytesAsync(bucket, "k", [2]);

        var head = await _s3.GetObjectMetadataAsync(bucket, "k");
        Assert.Equal(0, head.Metadata.Count);
    }

    [Fact]
    public async Task User_metadata_over_2_KB_is_MetadataTooLarge()
    {
        var bucket = await fixture.CreateBucketAsync("meta-large");

        await S3Assert.FailsAsync("MetadataTooLarge", HttpStatusCode.BadRequest,
            () => _s3.PutBytesAsync(bucket, "k", [1], r => r.Metadata["big"] = new string('m', 2100)));
    }
}
