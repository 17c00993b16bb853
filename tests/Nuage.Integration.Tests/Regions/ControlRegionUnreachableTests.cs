using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Regions;

/// <summary>
/// Issue 17: a member region whose control region is out of reach refuses new bucket names (503 ServiceUnavailable:
/// only the control region can say a name is free) and keeps serving the buckets it has.
/// </summary>
public sealed class ControlRegionUnreachableTests
{
    [Fact]
    public async Task Creation_is_refused_with_503_and_existing_buckets_keep_working()
    {
        await using var federation = await LocalFederation.StartAsync(["paris", "dubai"]);
        using var dubai = federation["dubai"].CreateS3Client();
        var bucket = "kept-" + Guid.NewGuid().ToString("N")[..12];
        await dubai.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        await dubai.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "a.txt", ContentBody = "still here" });

        await federation.StopRegionAsync("paris");

        var refused = await Assert.ThrowsAsync<AmazonS3Exception>(() => dubai.PutBucketAsync(new PutBucketRequest { BucketName = "new-" + Guid.NewGuid().ToString("N")[..12] }));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("ServiceUnavailable", refused.ErrorCode);
        Assert.Contains("control region (paris)", refused.Message, StringComparison.Ordinal);

        await dubai.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "b.txt", ContentBody = "written while cut off" });
        using var got = await dubai.GetObjectAsync(bucket, "a.txt");
        using var reader = new StreamReader(got.ResponseStream);
        Assert.Equal("still here", await reader.ReadToEndAsync());
        var listed = await dubai.ListBucketsAsync(new ListBucketsRequest());
        Assert.Contains(listed.Buckets, b => b.BucketName == bucket);

        // A region started while the control region is away starts all the same.
        await federation.StopRegionAsync("dubai");
        await federation.StartRegionAsync("dubai");
        using var again = federation["dubai"].CreateS3Client();
        Assert.Equal(2, (await again.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket })).KeyCount);
        federation["dubai"].AssertNoErrors();
    }
}
