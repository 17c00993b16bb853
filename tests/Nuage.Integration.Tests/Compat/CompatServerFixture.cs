using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Compat;

/// <summary>How a client names the bucket: in the path (127.0.0.1:PORT/bucket) or in the host (bucket.DOMAIN:PORT).</summary>
public enum Addressing
{
    Path,
    VirtualHost,
}

/// <summary>
/// One server for every third-party client test, started with --domain so that both addressing styles can be
/// driven against it. Each test takes its own bucket. The AWS SDK for .NET client it hands out is the independent
/// witness: what a tool claims to have done is checked through it.
/// </summary>
public sealed class CompatServerFixture() : NuageServerFixture("nuage-compat-", "--domain", Domain)
{
    /// <summary>A name no resolver knows; clients reach it through a loopback lookup or a proxy setting.</summary>
    public const string Domain = "nuage.test";

    private int _bucketCounter;

    /// <summary>The path-style endpoint, http://127.0.0.1:PORT.</summary>
    public string PathEndpoint => $"http://127.0.0.1:{Port}";

    /// <summary>The endpoint a virtual-host client is given; it puts the bucket in front of the domain.</summary>
    public string DomainEndpoint => $"http://{Domain}:{Port}";

    /// <summary>A DNS-compatible bucket name (virtual-host style needs one) that no other test uses.</summary>
    public string NewBucketName(string tool, Addressing addressing)
    {
        var n = Interlocked.Increment(ref _bucketCounter);
        var style = addressing == Addressing.Path ? "path" : "vhost";
        return $"{tool}-{style}-{n}-{Guid.NewGuid().ToString("N")[..8]}";
    }

    /// <summary>The bucket exists, as seen by the AWS SDK for .NET.</summary>
    public async Task<bool> BucketExistsAsync(string bucket)
    {
        using var s3 = CreateS3Client();
        try
        {
            await s3.HeadBucketAsync(new HeadBucketRequest { BucketName = bucket });
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>Every key of the bucket with its size and ETag, as seen by the AWS SDK for .NET.</summary>
    public async Task<IReadOnlyDictionary<string, (long Size, string ETag)>> ListAsync(string bucket, string prefix = "")
    {
        using var s3 = CreateS3Client();
        var result = new SortedDictionary<string, (long, string)>(StringComparer.Ordinal);
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = prefix };
        ListObjectsV2Response page;
        do
        {
            page = await s3.ListObjectsV2Async(request);
            foreach (var o in page.S3Objects ?? [])
            {
                result[o.Key] = (o.Size ?? -1, o.ETag);
            }

            request.ContinuationToken = page.NextContinuationToken;
        }
        while (page.IsTruncated == true);

        return result;
    }

    /// <summary>Removes what a failed test left behind, so the server's data stays small; ignores what is gone.</summary>
    public async Task DeleteBucketIfPresentAsync(string bucket)
    {
        if (!await BucketExistsAsync(bucket))
        {
            return;
        }

        using var s3 = CreateS3Client();
        foreach (var key in (await ListAsync(bucket)).Keys)
        {
            await s3.DeleteObjectAsync(bucket, key);
        }

        await s3.DeleteBucketAsync(bucket);
    }
}

/// <summary>The third-party client tests share one server (<see cref="CompatServerFixture"/>).</summary>
[CollectionDefinition(Name)]
public sealed class CompatCollection : ICollectionFixture<CompatServerFixture>
{
    public const string Name = "Compat";
}
