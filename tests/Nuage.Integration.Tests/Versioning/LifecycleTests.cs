using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Integration.Tests.Sdk;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Versioning;

/// <summary>
/// Lifecycle rules through AWSSDK.S3 on a server whose lifecycle "day" is one second (NUAGE_LIFECYCLE_DAY_SECONDS),
/// so the background worker expires objects, noncurrent versions and delete markers and aborts uploads within a
/// test's time; each test waits for the outcome (polling), never for a fixed delay.
/// </summary>
public sealed class LifecycleTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _data = new("nuage-lifecycle-");
    private NuageProcess _server = null!;
    private AmazonS3Client _s3 = null!;

    public async Task InitializeAsync()
    {
        _server = await NuageProcess.StartAsync(
            Path.Combine(_data.Path, "data"), environment: new Dictionary<string, string?> { ["NUAGE_LIFECYCLE_DAY_SECONDS"] = "1" });
        _s3 = _server.CreateS3Client();
    }

    public async Task DisposeAsync()
    {
        _s3.Dispose();
        _server.AssertNoErrors();
        await _server.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task Configurations_round_trip_and_invalid_ones_are_refused()
    {
        await _s3.PutBucketAsync("config");
        await AssertNoConfigurationAsync("config");
        await PutRulesAsync("config", new LifecycleRule
        {
            Id = "logs", Status = LifecycleRuleStatus.Enabled,
            Filter = new LifecycleFilter { LifecycleFilterPredicate = new LifecyclePrefixPredicate { Prefix = "logs/" } },
            Expiration = new LifecycleRuleExpiration { Days = 30 },
            AbortIncompleteMultipartUpload = new LifecycleRuleAbortIncompleteMultipartUpload { DaysAfterInitiation = 7 },
        });
        var stored = Assert.Single((await _s3.GetLifecycleConfigurationAsync("config")).Configuration.Rules);
        Assert.Equal(("logs", 30, 7), (stored.Id, stored.Expiration.Days, stored.AbortIncompleteMultipartUpload.DaysAfterInitiation));
        Assert.Equal("logs/", ((LifecyclePrefixPredicate)stored.Filter.LifecycleFilterPredicate).Prefix);

        await S3Assert.FailsAsync("InvalidArgument", HttpStatusCode.BadRequest, () => PutRulesAsync("config", new LifecycleRule
        {
            Id = "zero", Status = LifecycleRuleStatus.Enabled, Filter = AllObjects(), Expiration = new LifecycleRuleExpiration { Days = 0 },
        }));
        await S3Assert.FailsAsync("NotImplemented", HttpStatusCode.NotImplemented, () => PutRulesAsync("config", new LifecycleRule
        {
            Id = "cold", Status = LifecycleRuleStatus.Enabled, Filter = AllObjects(),
            Transitions = [new LifecycleTransition { Days = 30, StorageClass = S3StorageClass.Glacier }],
        }));

        await _s3.DeleteLifecycleConfigurationAsync("config");
        await AssertNoConfigurationAsync("config");
    }

    [Fact]
    public async Task Expiration_deletes_matching_objects_says_so_on_put_and_leaves_the_others()
    {
        await _s3.PutBucketAsync("expire");
        await PutRulesAsync("expire",
            new LifecycleRule
            {
                Id = "tmp", Status = LifecycleRuleStatus.Enabled,
                Filter = new LifecycleFilter { LifecycleFilterPredicate = new LifecyclePrefixPredicate { Prefix = "tmp/" } },
                Expiration = new LifecycleRuleExpiration { Days = 2 },
            },
            new LifecycleRule
            {
                Id = "tagged", Status = LifecycleRuleStatus.Enabled,
                Filter = new LifecycleFilter { LifecycleFilterPredicate = new LifecycleTagPredicate { Tag = new Tag { Key = "ttl", Value = "short" } } },
                Expiration = new LifecycleRuleExpiration { Days = 1 },
            });

        var put = await _s3.PutObjectAsync(new PutObjectRequest { BucketName = "expire", Key = "tmp/scratch", ContentBody = "x" });
        // The header counts real days (two, rounded up to midnight UTC), whatever the test's day length.
        Assert.Equal("tmp", put.Expiration?.RuleId);
        Assert.InRange(put.Expiration!.ExpiryDate.ToUniversalTime(), DateTime.UtcNow.AddSeconds(-10).Date.AddDays(3), DateTime.UtcNow.Date.AddDays(3));
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = "expire", Key = "keep/me", ContentBody = "x" });
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = "expire", Key = "tagged", ContentBody = "x", TagSet = [new Tag { Key = "ttl", Value = "short" }] });
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = "expire", Key = "untagged", ContentBody = "x", TagSet = [new Tag { Key = "ttl", Value = "long" }] });

        await WaitUntilAsync(async () => (await KeysAsync("expire")).SequenceEqual(["keep/me", "untagged"]));
        Assert.Contains(_server.Output, line => line.Contains("Lifecycle pass on bucket expire", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Noncurrent_versions_expire_keeping_the_newest_and_lone_delete_markers_go()
    {
        await _s3.PutBucketAsync("history");
        await _s3.PutBucketVersioningAsync(new PutBucketVersioningRequest
        {
            BucketName = "history", VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Enabled },
        });
        await PutRulesAsync("history",
            new LifecycleRule
            {
                Id = "keep-one", Status = LifecycleRuleStatus.Enabled,
                Filter = new LifecycleFilter { LifecycleFilterPredicate = new LifecyclePrefixPredicate { Prefix = "doc" } },
                NoncurrentVersionExpiration = new LifecycleRuleNoncurrentVersionExpiration { NoncurrentDays = 1, NewerNoncurrentVersions = 1 },
            },
            new LifecycleRule
            {
                Id = "gone", Status = LifecycleRuleStatus.Enabled,
                Filter = new LifecycleFilter { LifecycleFilterPredicate = new LifecyclePrefixPredicate { Prefix = "gone" } },
                NoncurrentVersionExpiration = new LifecycleRuleNoncurrentVersionExpiration { NoncurrentDays = 1 },
                Expiration = new LifecycleRuleExpiration { ExpiredObjectDeleteMarker = true },
            });

        var ids = new List<string>();
        for (int i = 0; i < 4; i++)
        {
            ids.Add((await _s3.PutObjectAsync(new PutObjectRequest { BucketName = "history", Key = "doc", ContentBody = "v" + i })).VersionId);
        }

        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = "history", Key = "gone", ContentBody = "x" });
        await _s3.DeleteObjectAsync("history", "gone");

        // doc keeps its current version and the newest noncurrent one; gone loses its version, then its lone marker.
        await WaitUntilAsync(async () =>
        {
            var versions = (await _s3.ListVersionsAsync(new ListVersionsRequest { BucketName = "history" })).Versions ?? [];
            return versions.Select(v => (v.Key, v.VersionId)).SequenceEqual([("doc", ids[3]), ("doc", ids[2])]);
        });
    }

    [Fact]
    public async Task Incomplete_uploads_are_aborted_and_locked_versions_are_kept()
    {
        await _s3.PutBucketAsync(new PutBucketRequest { BucketName = "locked", ObjectLockEnabledForBucket = true });
        await PutRulesAsync("locked", new LifecycleRule
        {
            Id = "all", Status = LifecycleRuleStatus.Enabled, Filter = AllObjects(),
            NoncurrentVersionExpiration = new LifecycleRuleNoncurrentVersionExpiration { NoncurrentDays = 1 },
            AbortIncompleteMultipartUpload = new LifecycleRuleAbortIncompleteMultipartUpload { DaysAfterInitiation = 1 },
        });
        var held = await _s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = "locked", Key = "k", ContentBody = "held", ObjectLockLegalHoldStatus = ObjectLockLegalHoldStatus.On,
        });
        var free = await _s3.PutObjectAsync(new PutObjectRequest { BucketName = "locked", Key = "k", ContentBody = "free" });
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = "locked", Key = "k", ContentBody = "current" });
        await _s3.InitiateMultipartUploadAsync("locked", "abandoned");

        // The free noncurrent version goes, the held one stays; the upload is aborted.
        await WaitUntilAsync(async () =>
        {
            var versions = (await _s3.ListVersionsAsync(new ListVersionsRequest { BucketName = "locked" })).Versions ?? [];
            var uploads = (await _s3.ListMultipartUploadsAsync("locked")).MultipartUploads ?? [];
            return versions.Count == 2 && uploads.Count == 0;
        });
        var left = (await _s3.ListVersionsAsync(new ListVersionsRequest { BucketName = "locked" })).Versions.Select(v => v.VersionId).ToList();
        Assert.Contains(held.VersionId, left);
        Assert.DoesNotContain(free.VersionId, left);
    }

    /// <summary>The SDK turns this 404 into an empty configuration, so the wire answer is checked directly.</summary>
    private async Task AssertNoConfigurationAsync(string bucket)
    {
        using var response = await RawS3.SendSignedAsync(_server.Endpoint, HttpMethod.Get, "/" + bucket, [("lifecycle", "")]);
        await RawS3.AssertErrorAsync(response, HttpStatusCode.NotFound, "NoSuchLifecycleConfiguration");
    }

    private static LifecycleFilter AllObjects() => new() { LifecycleFilterPredicate = new LifecyclePrefixPredicate { Prefix = string.Empty } };

    private Task PutRulesAsync(string bucket, params LifecycleRule[] rules) =>
        _s3.PutLifecycleConfigurationAsync(new PutLifecycleConfigurationRequest
        {
            BucketName = bucket, Configuration = new LifecycleConfiguration { Rules = [.. rules] },
        });

    private async Task<List<string>> KeysAsync(string bucket) =>
        ((await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket })).S3Objects ?? []).Select(o => o.Key).ToList();

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The lifecycle worker did not reach the expected state in time.");
            await Task.Delay(200);
        }
    }
}
