using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Sdk;

/// <summary>ListBuckets, CreateBucket, HeadBucket, GetBucketLocation, DeleteBucket through AWSSDK.S3.</summary>
public sealed class BucketTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>, IDisposable
{
    private readonly AmazonS3Client _s3 = fixture.CreateS3Client();

    public void Dispose() => _s3.Dispose();

    [Fact]
    public async Task Created_bucket_is_listed_with_its_creation_date()
    {
        var before = DateTime.UtcNow.AddMinutes(-1);
        var bucket = await fixture.CreateBucketAsync("listed");

        var response = await _s3.ListBucketsAsync();

        var listed = Assert.Single(response.Buckets ?? [], b => b.BucketName == bucket);
        Assert.NotNull(listed.CreationDate);
        Assert.InRange(listed.CreationDate.Value.ToUniversalTime(), before, DateTime.UtcNow.AddMinutes(1));
        Assert.False(string.IsNullOrEmpty(response.Owner?.Id), "ListAllMyBucketsResult has no Owner/ID.");
    }

    [Fact]
    public async Task Buckets_are_listed_in_name_order()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        string[] names = [$"order-b-{suffix}", $"order-a-{suffix}", $"order-c-{suffix}"];
        foreach (var name in names)
        {
            await _s3.PutBucketAsync(name);
        }

        var response = await _s3.ListBucketsAsync();

        var ours = (response.Buckets ?? []).Select(b => b.BucketName).Where(n => n.EndsWith(suffix, StringComparison.Ordinal)).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), ours);
    }

    [Fact]
    public async Task Create_bucket_with_the_server_region_as_location_constraint_is_accepted()
    {
        var bucket = fixture.NewBucketName("local-constraint");

        var response = await _s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket, BucketRegionName = "local" });

        Assert.Equal(HttpStatusCode.OK, response.HttpStatusCode);
        var location = await _s3.GetBucketLocationAsync(bucket);
        Assert.Equal("local", location.Location.Value);
    }

    [Fact]
    public async Task Create_bucket_in_another_region_is_IllegalLocationConstraintException()
    {
        var bucket = fixture.NewBucketName("other-region");

        await S3Assert.FailsAsync("IllegalLocationConstraintException", HttpStatusCode.BadRequest,
            () => _s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket, BucketRegionName = "eu-west-3" }));

        await S3Assert.FailsWithStatusAsync(HttpStatusCode.NotFound, () => _s3.HeadBucketAsync(new HeadBucketRequest { BucketName = bucket }));
    }

    [Fact]
    public async Task Creating_an_owned_bucket_again_is_BucketAlreadyOwnedByYou()
    {
        var bucket = await fixture.CreateBucketAsync("twice");

        await S3Assert.FailsAsync("BucketAlreadyOwnedByYou", HttpStatusCode.Conflict, () => _s3.PutBucketAsync(bucket));
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("UpperCase-bucket")]
    [InlineData("two..dots")]
    [InlineData("192.168.5.4")]
    [InlineData("xn--punycode-prefix")]
    [InlineData("-starts-with-hyphen")]
    [InlineData("ends-with-hyphen-")]
    [InlineData("under_score")]
    [InlineData("this-name-is-sixty-four-characters-long-which-is-one-too-many-xx")]
    [InlineData("ends-with-s3alias-s3alias")]
    public async Task Invalid_bucket_name_is_InvalidBucketName(string name)
    {
        await S3Assert.FailsAsync("InvalidBucketName", HttpStatusCode.BadRequest, () => _s3.PutBucketAsync(name));
    }

    [Fact]
    public async Task Sixty_three_character_name_is_valid()
    {
        var name = (fixture.NewBucketName("len63") + new string('x', 63))[..63];

        await _s3.PutBucketAsync(name);

        var head = await _s3.HeadBucketAsync(new HeadBucketRequest { BucketName = name });
        Assert.Equal(HttpStatusCode.OK, head.HttpStatusCode);
    }

    [Fact]
    public async Task Head_bucket_answers_200_for_an_existing_bucket_with_its_region()
    {
        var bucket = await fixture.CreateBucketAsync("head");

        var response = await _s3.HeadBucketAsync(new HeadBucketRequest { BucketName = bucket });

        Assert.Equal(HttpStatusCode.OK, response.HttpStatusCode);
        Assert.Equal("local", await RawHeadBucketRegionAsync(bucket));
    }

    [Fact]
    public async Task Head_bucket_answers_404_for_a_missing_bucket()
    {
        await S3Assert.FailsWithStatusAsync(HttpStatusCode.NotFound,
            () => _s3.HeadBucketAsync(new HeadBucketRequest { BucketName = fixture.NewBucketName("missing") }));
    }

    [Fact]
    public async Task Get_bucket_location_of_a_missing_bucket_is_NoSuchBucket()
    {
        await S3Assert.FailsAsync("NoSuchBucket", HttpStatusCode.NotFound,
            () => _s3.GetBucketLocationAsync(fixture.NewBucketName("missing")));
    }

    [Fact]
    public async Task Delete_empty_bucket_answers_204_and_the_bucket_is_gone()
    {
        var bucket = await fixture.CreateBucketAsync("delete");

        var response = await _s3.DeleteBucketAsync(bucket);

        Assert.Equal(HttpStatusCode.NoContent, response.HttpStatusCode);
        await S3Assert.FailsWithStatusAsync(HttpStatusCode.NotFound, () => _s3.HeadBucketAsync(new HeadBucketRequest { BucketName = bucket }));
        var list = await _s3.ListBucketsAsync();
        Assert.DoesNotContain(bucket, (list.Buckets ?? []).Select(b => b.BucketName));
    }

    [Fact]
    public async Task Deleted_bucket_name_can_be_created_again()
    {
        var bucket = await fixture.CreateBucketAsync("recreate");
        await _s3.DeleteBucketAsync(bucket);

        await _s3.PutBucketAsync(bucket);

        Assert.Equal(HttpStatusCode.OK, (await _s3.HeadBucketAsync(new HeadBucketRequest { BucketName = bucket })).HttpStatusCode);
    }

    [Fact]
    public async Task Delete_bucket_holding_an_object_is_BucketNotEmpty()
    {
        var bucket = await fixture.CreateBucketAsync("not-empty");
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "x" });

        await S3Assert.FailsAsync("BucketNotEmpty", HttpStatusCode.Conflict, () => _s3.DeleteBucketAsync(bucket));

        Assert.Equal("x"u8.ToArray(), await _s3.GetBytesAsync(bucket, "k"));
    }

    [Fact]
    public async Task Delete_bucket_holding_only_an_unfinished_multipart_upload_deletes_the_upload_with_it()
    {
        // AWS deletes a bucket whose only content is uploads in progress, and those uploads with it (observed on AWS
        // in ceph/ceph#15630 and scality/cloudserver#1591); ceph/s3-tests expects the same.
        var bucket = await fixture.CreateBucketAsync("mpu-pending");
        var upload = await _s3.InitiateMultipartUploadAsync(bucket, "pending");
        await _s3.UploadPartAsync(new UploadPartRequest
        {
            BucketName = bucket, Key = "pending", UploadId = upload.UploadId, PartNumber = 1,
            InputStream = new MemoryStream(TestBytes.Random(1000, 1)),
        });

        var delete = await _s3.DeleteBucketAsync(bucket);

        Assert.Equal(HttpStatusCode.NoContent, delete.HttpStatusCode);
        await S3Assert.FailsWithStatusAsync(HttpStatusCode.NotFound, () => _s3.HeadBucketAsync(new HeadBucketRequest { BucketName = bucket }));
        await _s3.PutBucketAsync(bucket);
        var uploads = await _s3.ListMultipartUploadsAsync(bucket);
        Assert.Empty(uploads.MultipartUploads ?? []);
        await S3Assert.FailsAsync("NoSuchUpload", HttpStatusCode.NotFound, () => _s3.ListPartsAsync(bucket, "pending", upload.UploadId));
    }

    [Fact]
    public async Task Delete_missing_bucket_is_NoSuchBucket()
    {
        await S3Assert.FailsAsync("NoSuchBucket", HttpStatusCode.NotFound,
            () => _s3.DeleteBucketAsync(fixture.NewBucketName("missing")));
    }

    private async Task<string?> RawHeadBucketRegionAsync(string bucket)
    {
        using var response = await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Head, "/" + bucket);
        return response.Headers.TryGetValues("x-amz-bucket-region", out var values) ? values.Single() : null;
    }
}
