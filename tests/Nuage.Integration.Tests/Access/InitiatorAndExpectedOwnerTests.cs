using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Integration.Tests.Sdk;
using Xunit;

namespace Nuage.Integration.Tests.Access;

/// <summary>
/// The initiator of a multipart upload in another account's bucket may list and abort it (AbortMultipartUpload:
/// "the bucket owner and the initiator ... are allowed"), and x-amz-expected-bucket-owner refuses a bucket owned by
/// another account (found by ceph/s3-tests test_list_multipart_upload_owner, test_expected_bucket_owner).
/// </summary>
public sealed class InitiatorAndExpectedOwnerTests(LegacyBucketServerFixture fixture) : IClassFixture<LegacyBucketServerFixture>
{
    [Fact]
    public async Task The_initiator_from_another_account_lists_and_aborts_its_own_upload_but_no_one_elses()
    {
        var (ownerId, owner) = await NewAccountAsync("mp-owner");
        var (_, other) = await NewAccountAsync("mp-other");
        using (owner)
        using (other)
        {
            var bucket = fixture.NewBucketName("initiator");
            await owner.PutBucketAsync(new PutBucketRequest { BucketName = bucket, CannedACL = S3CannedACL.PublicReadWrite });
            var mine = (await owner.InitiateMultipartUploadAsync(bucket, "owners")).UploadId;
            var theirs = (await other.InitiateMultipartUploadAsync(bucket, "others")).UploadId;

            Assert.Equal(HttpStatusCode.OK, (await other.ListPartsAsync(bucket, "others", theirs)).HttpStatusCode);
            await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => other.ListPartsAsync(bucket, "owners", mine));
            await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => other.AbortMultipartUploadAsync(bucket, "owners", mine));
            await other.AbortMultipartUploadAsync(bucket, "others", theirs);
            await owner.AbortMultipartUploadAsync(bucket, "owners", mine);
            Assert.Empty((await owner.ListMultipartUploadsAsync(bucket)).MultipartUploads ?? []);
            Assert.NotNull(ownerId);
        }
    }

    [Fact]
    public async Task A_request_naming_another_expected_bucket_owner_is_refused()
    {
        var (ownerId, owner) = await NewAccountAsync("expected");
        using (owner)
        {
            var bucket = fixture.NewBucketName("expected-owner");
            await owner.PutBucketAsync(bucket);
            await owner.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "x" });

            var right = new GetObjectRequest { BucketName = bucket, Key = "k", ExpectedBucketOwner = ownerId };
            Assert.Equal(HttpStatusCode.OK, (await owner.GetObjectAsync(right)).HttpStatusCode);
            var wrong = new GetObjectRequest { BucketName = bucket, Key = "k", ExpectedBucketOwner = "111122223333" };
            await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => owner.GetObjectAsync(wrong));
            await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => owner.CopyObjectAsync(new CopyObjectRequest
            {
                SourceBucket = bucket, SourceKey = "k", DestinationBucket = bucket, DestinationKey = "copy", ExpectedSourceBucketOwner = "111122223333",
            }));
        }
    }

    private async Task<(string AccountId, AmazonS3Client S3)> NewAccountAsync(string purpose)
    {
        var account = await TestAccount.CreateAsync(fixture, purpose);
        return (account.Id, account.S3(fixture));
    }
}
