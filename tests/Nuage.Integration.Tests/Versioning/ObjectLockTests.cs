using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Integration.Tests.Sdk;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Versioning;

/// <summary>
/// Object Lock through AWSSDK.S3 (AWS "Locking objects with Object Lock"): buckets created with it, default
/// retention, GOVERNANCE and COMPLIANCE retention, legal hold, x-amz-bypass-governance-retention; a locked version
/// survives delete attempts by the operator (the root key of these tests) until its retention expires.
/// </summary>
public sealed class ObjectLockTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>, IDisposable
{
    private readonly AmazonS3Client _s3 = fixture.CreateS3Client();

    public void Dispose() => _s3.Dispose();

    [Fact]
    public async Task A_bucket_created_with_object_lock_is_versioned_cannot_be_suspended_and_takes_a_default_retention()
    {
        var bucket = await CreateLockedAsync("lock-config");
        Assert.Equal(VersionStatus.Enabled, (await _s3.GetBucketVersioningAsync(bucket)).VersioningConfig.Status);
        var initial = await _s3.GetObjectLockConfigurationAsync(new GetObjectLockConfigurationRequest { BucketName = bucket });
        Assert.Equal(ObjectLockEnabled.Enabled, initial.ObjectLockConfiguration.ObjectLockEnabled);
        Assert.Null(initial.ObjectLockConfiguration.Rule);

        await S3Assert.FailsAsync("InvalidBucketState", HttpStatusCode.Conflict, () => _s3.PutBucketVersioningAsync(new PutBucketVersioningRequest
        {
            BucketName = bucket, VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Suspended },
        }));

        await _s3.PutObjectLockConfigurationAsync(new PutObjectLockConfigurationRequest
        {
            BucketName = bucket,
            ObjectLockConfiguration = new ObjectLockConfiguration
            {
                ObjectLockEnabled = ObjectLockEnabled.Enabled,
                Rule = new ObjectLockRule { DefaultRetention = new DefaultRetention { Mode = ObjectLockRetentionMode.Governance, Days = 2 } },
            },
        });
        var configured = await _s3.GetObjectLockConfigurationAsync(new GetObjectLockConfigurationRequest { BucketName = bucket });
        Assert.Equal((ObjectLockRetentionMode.Governance, 2), (configured.ObjectLockConfiguration.Rule.DefaultRetention.Mode, configured.ObjectLockConfiguration.Rule.DefaultRetention.Days));

        // A write without lock headers gets the default retention, counted from its write.
        var before = DateTime.UtcNow;
        var put = await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "x" });
        var retention = await _s3.GetObjectRetentionAsync(new GetObjectRetentionRequest { BucketName = bucket, Key = "k" });
        Assert.Equal(ObjectLockRetentionMode.Governance, retention.Retention.Mode);
        Assert.InRange(retention.Retention.RetainUntilDate!.Value.ToUniversalTime(), before.AddDays(2).AddMinutes(-1), DateTime.UtcNow.AddDays(2).AddMinutes(1));
        var head = await _s3.GetObjectMetadataAsync(bucket, "k");
        Assert.Equal((ObjectLockMode.Governance, ObjectLockLegalHoldStatus.Off), (head.ObjectLockMode, head.ObjectLockLegalHoldStatus));

        // Governance holds against a plain version delete; the operator may bypass it explicitly.
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden,
            () => _s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = "k", VersionId = put.VersionId }));
        await _s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = "k", VersionId = put.VersionId, BypassGovernanceRetention = true });
        await S3Assert.FailsAsync("NoSuchVersion", HttpStatusCode.NotFound,
            () => _s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "k", VersionId = put.VersionId }));
    }

    [Fact]
    public async Task A_compliance_version_survives_every_delete_attempt_of_the_operator_until_it_expires()
    {
        var bucket = await CreateLockedAsync("lock-compliance");
        var until = DateTime.UtcNow.AddSeconds(3);
        var put = await _s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket, Key = "ledger", ContentBody = "entry", ObjectLockMode = ObjectLockMode.Compliance, ObjectLockRetainUntilDate = until,
        });

        // Deleting the key only adds a delete marker: the version stays.
        var marker = await _s3.DeleteObjectAsync(bucket, "ledger");
        Assert.Equal("true", marker.DeleteMarker);
        foreach (var bypass in new[] { false, true })
        {
            await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => _s3.DeleteObjectAsync(new DeleteObjectRequest
            {
                BucketName = bucket, Key = "ledger", VersionId = put.VersionId, BypassGovernanceRetention = bypass,
            }));
        }

        var batch = await Assert.ThrowsAsync<DeleteObjectsException>(() => _s3.DeleteObjectsAsync(new DeleteObjectsRequest
        {
            BucketName = bucket, Objects = [new KeyVersion { Key = "ledger", VersionId = put.VersionId }], BypassGovernanceRetention = true,
        }));
        Assert.Equal("AccessDenied", Assert.Single(batch.Response.DeleteErrors).Code);

        // Compliance cannot be shortened or turned into governance; it can be extended.
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => _s3.PutObjectRetentionAsync(new PutObjectRetentionRequest
        {
            BucketName = bucket, Key = "ledger", VersionId = put.VersionId, BypassGovernanceRetention = true,
            Retention = new ObjectLockRetention { Mode = ObjectLockRetentionMode.Governance, RetainUntilDate = until.AddSeconds(1) },
        }));
        using (var read = await _s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "ledger", VersionId = put.VersionId }))
        {
            Assert.Equal(ObjectLockMode.Compliance, read.ObjectLockMode);
            Assert.Equal("entry", await new StreamReader(read.ResponseStream).ReadToEndAsync());
        }

        // Once the date has passed, the version can be removed.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await _s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = "ledger", VersionId = put.VersionId });
                break;
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.Forbidden && DateTime.UtcNow < deadline && DateTime.UtcNow < until.AddSeconds(2))
            {
                await Task.Delay(250);
            }
        }

        Assert.True(DateTime.UtcNow >= until.AddMilliseconds(-50), "The version was removed before its retention expired.");
    }

    [Fact]
    public async Task A_legal_hold_blocks_removal_until_it_is_released_and_retention_can_be_extended()
    {
        var bucket = await CreateLockedAsync("lock-hold");
        var put = await _s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket, Key = "evidence", ContentBody = "e", ObjectLockLegalHoldStatus = ObjectLockLegalHoldStatus.On,
        });
        Assert.Equal(ObjectLockLegalHoldStatus.On, (await _s3.GetObjectLegalHoldAsync(new GetObjectLegalHoldRequest { BucketName = bucket, Key = "evidence" })).LegalHold.Status);
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => _s3.DeleteObjectAsync(new DeleteObjectRequest
        {
            BucketName = bucket, Key = "evidence", VersionId = put.VersionId, BypassGovernanceRetention = true,
        }));

        // A governance retention added later can be lengthened without bypass, shortened only with it.
        var until = DateTime.UtcNow.AddDays(1);
        await _s3.PutObjectRetentionAsync(new PutObjectRetentionRequest
        {
            BucketName = bucket, Key = "evidence", Retention = new ObjectLockRetention { Mode = ObjectLockRetentionMode.Governance, RetainUntilDate = until },
        });
        await _s3.PutObjectRetentionAsync(new PutObjectRetentionRequest
        {
            BucketName = bucket, Key = "evidence", Retention = new ObjectLockRetention { Mode = ObjectLockRetentionMode.Governance, RetainUntilDate = until.AddDays(1) },
        });
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => _s3.PutObjectRetentionAsync(new PutObjectRetentionRequest
        {
            BucketName = bucket, Key = "evidence", Retention = new ObjectLockRetention { Mode = ObjectLockRetentionMode.Governance, RetainUntilDate = until },
        }));
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => _s3.PutObjectRetentionAsync(new PutObjectRetentionRequest
        {
            BucketName = bucket, Key = "evidence", Retention = new ObjectLockRetention { Mode = ObjectLockRetentionMode.Compliance, RetainUntilDate = until.AddDays(2) },
        }));

        await _s3.PutObjectLegalHoldAsync(new PutObjectLegalHoldRequest
        {
            BucketName = bucket, Key = "evidence", LegalHold = new ObjectLockLegalHold { Status = ObjectLockLegalHoldStatus.Off },
        });
        await _s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = "evidence", VersionId = put.VersionId, BypassGovernanceRetention = true });
        Assert.Empty((await _s3.ListVersionsAsync(new ListVersionsRequest { BucketName = bucket })).Versions ?? []);
    }

    [Fact]
    public async Task Multipart_uploads_carry_their_retention_and_buckets_without_object_lock_refuse_lock_requests()
    {
        var bucket = await CreateLockedAsync("lock-multipart");
        var until = DateTime.UtcNow.AddHours(1);
        var upload = await _s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = bucket, Key = "mp", ObjectLockMode = ObjectLockMode.Governance, ObjectLockRetainUntilDate = until,
        });
        var part = await _s3.UploadPartAsync(new UploadPartRequest
        {
            BucketName = bucket, Key = "mp", UploadId = upload.UploadId, PartNumber = 1, InputStream = new MemoryStream(new byte[10]),
        });
        var done = await _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket, Key = "mp", UploadId = upload.UploadId, PartETags = [new PartETag(1, part.ETag)],
        });
        var retention = await _s3.GetObjectRetentionAsync(new GetObjectRetentionRequest { BucketName = bucket, Key = "mp", VersionId = done.VersionId });
        Assert.Equal(ObjectLockRetentionMode.Governance, retention.Retention.Mode);

        var plain = await fixture.CreateBucketAsync("lock-none");
        await S3Assert.FailsAsync("InvalidRequest", HttpStatusCode.BadRequest, () => _s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = plain, Key = "k", ContentBody = "x", ObjectLockMode = ObjectLockMode.Governance, ObjectLockRetainUntilDate = until,
        }));
        await S3Assert.FailsAsync("ObjectLockConfigurationNotFoundError", HttpStatusCode.NotFound,
            () => _s3.GetObjectLockConfigurationAsync(new GetObjectLockConfigurationRequest { BucketName = plain }));
        await S3Assert.FailsAsync("InvalidBucketState", HttpStatusCode.Conflict, () => _s3.PutObjectLockConfigurationAsync(new PutObjectLockConfigurationRequest
        {
            BucketName = plain, ObjectLockConfiguration = new ObjectLockConfiguration { ObjectLockEnabled = ObjectLockEnabled.Enabled },
        }));
        await S3Assert.FailsAsync("InvalidArgument", HttpStatusCode.BadRequest, () => _s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket, Key = "past", ContentBody = "x", ObjectLockMode = ObjectLockMode.Governance, ObjectLockRetainUntilDate = DateTime.UtcNow.AddDays(-1),
        }));
    }

    [Fact]
    public async Task Lock_headers_on_a_write_need_the_retention_and_legal_hold_permissions()
    {
        var account = await Access.TestAccount.CreateAsync(fixture, "lock-perm");
        using var root = account.S3(fixture);
        var bucket = fixture.NewBucketName("lock-perm");
        await root.PutBucketAsync(new PutBucketRequest { BucketName = bucket, ObjectLockEnabledForBucket = true });
        using var writer = await account.UserAsync(fixture, "writer", Access.TestAccount.AllowPolicy("s3:PutObject", $"arn:aws:s3:::{bucket}/*"));
        var until = DateTime.UtcNow.AddHours(1);

        // "To use this header, you must have the s3:PutObjectRetention permission" (PutObject); likewise the legal hold.
        await writer.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "plain", ContentBody = "x" });
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => writer.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket, Key = "retained", ContentBody = "x", ObjectLockMode = ObjectLockMode.Governance, ObjectLockRetainUntilDate = until,
        }));
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => writer.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket, Key = "held", ContentBody = "x", ObjectLockLegalHoldStatus = ObjectLockLegalHoldStatus.On,
        }));

        using var locker = await account.UserAsync(fixture, "locker", Access.TestAccount.AllowPolicy("s3:*", $"arn:aws:s3:::{bucket}/*"));
        await locker.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket, Key = "retained", ContentBody = "x", ObjectLockMode = ObjectLockMode.Governance, ObjectLockRetainUntilDate = until,
        });
        Assert.Equal(ObjectLockMode.Governance, (await root.GetObjectMetadataAsync(bucket, "retained")).ObjectLockMode);
    }

    private async Task<string> CreateLockedAsync(string prefix)
    {
        var bucket = fixture.NewBucketName(prefix);
        await _s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket, ObjectLockEnabledForBucket = true });
        return bucket;
    }
}
