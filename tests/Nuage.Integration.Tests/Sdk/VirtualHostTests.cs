using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Sdk;

/// <summary>Virtual-host style ("bucket.nuage.test") next to path style, on a server started with --domain.</summary>
public sealed class VirtualHostTests(VirtualHostServerFixture fixture) : IClassFixture<VirtualHostServerFixture>, IDisposable
{
    private readonly AmazonS3Client _vhost = fixture.CreateVirtualHostClient();
    private readonly AmazonS3Client _path = fixture.CreatePathStyleClient();

    public void Dispose()
    {
        _vhost.Dispose();
        _path.Dispose();
    }

    [Fact]
    public async Task Sdk_requests_are_sent_with_the_bucket_in_the_host()
    {
        var hosts = new List<string>();
        _vhost.BeforeRequestEvent += (_, e) =>
        {
            if (e is Amazon.Runtime.WebServiceRequestEventArgs args)
            {
                lock (hosts)
                {
                    hosts.Add(args.Endpoint.Host);
                }
            }
        };
        var bucket = NewName("sent");

        await _vhost.PutBucketAsync(bucket);

        Assert.Equal($"{bucket}.{VirtualHostServerFixture.Domain}", Assert.Single(hosts));
    }

    [Fact]
    public async Task Bucket_created_virtual_host_style_is_seen_path_style()
    {
        var bucket = NewName("create");

        await _vhost.PutBucketAsync(bucket);

        var list = await _path.ListBucketsAsync();
        Assert.Contains(bucket, (list.Buckets ?? []).Select(b => b.BucketName));
        Assert.Equal(HttpStatusCode.OK, (await _vhost.HeadBucketAsync(new HeadBucketRequest { BucketName = bucket })).HttpStatusCode);
    }

    [Fact]
    public async Task Put_virtual_host_style_then_get_path_style_returns_same_bytes()
    {
        var bucket = NewName("put");
        await _path.PutBucketAsync(bucket);
        var data = TestBytes.Random(200 * TestBytes.KiB, seed: 1);

        await _vhost.PutBytesAsync(bucket, "dir/sub/file name.bin", data);

        Assert.Equal(data, await _path.GetBytesAsync(bucket, "dir/sub/file name.bin"));
        Assert.Equal(data, await _vhost.GetBytesAsync(bucket, "dir/sub/file name.bin"));
    }

    [Fact]
    public async Task Listing_virtual_host_style_lists_the_bucket()
    {
        var bucket = NewName("list");
        await _path.PutBucketAsync(bucket);
        await _path.PutBytesAsync(bucket, "a/1", [1]);
        await _path.PutBytesAsync(bucket, "b", [2]);

        var page = await _vhost.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Delimiter = "/" });

        Assert.Equal(["b"], (page.S3Objects ?? []).Select(o => o.Key));
        Assert.Equal(["a/"], page.CommonPrefixes ?? []);
        Assert.Equal(bucket, page.Name);
    }

    [Fact]
    public async Task Multipart_upload_and_delete_work_virtual_host_style()
    {
        var bucket = NewName("mpu");
        await _vhost.PutBucketAsync(bucket);
        var data = TestBytes.Random(1000, seed: 2);
        var upload = await _vhost.InitiateMultipartUploadAsync(bucket, "k");
        var part = await _vhost.UploadPartAsync(new UploadPartRequest
        {
            BucketName = bucket, Key = "k", UploadId = upload.UploadId, PartNumber = 1, InputStream = new MemoryStream(data),
        });
        await _vhost.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket, Key = "k", UploadId = upload.UploadId, PartETags = [new PartETag(1, part.ETag)],
        });
        Assert.Equal(data, await _path.GetBytesAsync(bucket, "k"));

        await _vhost.DeleteObjectAsync(bucket, "k");
        await _vhost.DeleteBucketAsync(bucket);

        await S3Assert.FailsWithStatusAsync(HttpStatusCode.NotFound, () => _path.HeadBucketAsync(new HeadBucketRequest { BucketName = bucket }));
    }

    [Fact]
    public async Task Missing_bucket_virtual_host_style_is_NoSuchBucket()
    {
        await S3Assert.FailsAsync("NoSuchBucket", HttpStatusCode.NotFound, () => _vhost.GetObjectAsync(NewName("missing"), "k"));
    }

    [Fact]
    public async Task Raw_request_with_a_virtual_host_header_addresses_the_bucket()
    {
        var bucket = NewName("raw");
        await _path.PutBucketAsync(bucket);
        await _path.PutBytesAsync(bucket, "x/y", [9, 8, 7]);
        var host = $"{bucket}.{VirtualHostServerFixture.Domain}:{fixture.Port}";

        using var http = new HttpClient(LoopbackHttpClientFactory.CreateHandler(fixture.Port));
        using var get = await http.SendAsync(SigV4Signer.Root.CreateRequest(
            new Uri($"http://127.0.0.1:{fixture.Port}"), HttpMethod.Get, "/x/y", host: host));
        using var missing = await http.SendAsync(SigV4Signer.Root.CreateRequest(
            new Uri($"http://127.0.0.1:{fixture.Port}"), HttpMethod.Get, "/absent", host: host));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal([9, 8, 7], await get.Content.ReadAsByteArrayAsync());
        await RawS3.AssertErrorAsync(missing, HttpStatusCode.NotFound, "NoSuchKey");
    }

    [Fact]
    public async Task Path_style_on_the_bare_ip_still_works_with_a_domain_set()
    {
        var bucket = NewName("path");
        await _path.PutBucketAsync(bucket);

        await _path.PutBytesAsync(bucket, "k", [1]);

        Assert.Equal([1], await _path.GetBytesAsync(bucket, "k"));
    }

    private static string NewName(string purpose) => $"vh-{purpose}-{Guid.NewGuid().ToString("N")[..10]}";
}
