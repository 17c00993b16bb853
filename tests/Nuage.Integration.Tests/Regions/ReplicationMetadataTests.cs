using System.Net;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Integration.Tests.Admin;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Regions;

/// <summary>
/// Issue 17, what replication keeps after a version has crossed, with three real regions and AWSSDK.S3: metadata-only
/// changes of a replicated version (PutObjectTagging, DeleteObjectTagging, PutObjectAcl, PutObjectRetention,
/// PutObjectLegalHold) reach the same version at the destination; with ReplicaModifications a change made on a replica
/// returns to the source, without it it does not, and nothing ping-pongs; concurrent changes of one version in two
/// regions converge on the later one (last-writer-wins); a multipart object's replica keeps the
/// source's parts (ETag, part checksums, GetObject partNumber).
/// </summary>
public sealed class ReplicationMetadataTests(ThreeRegionsFixture regions) : IClassFixture<ThreeRegionsFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private LocalFederation Federation => regions.Federation;

    [Fact]
    public async Task Tag_acl_retention_and_legal_hold_changes_reach_the_same_version_at_the_destination()
    {
        using var paris = Federation["paris"].CreateS3Client();
        using var dubai = Federation["dubai"].CreateS3Client();
        string source = regions.NewBucketName("meta-src"), destination = regions.NewBucketName("meta-dst");

        // Object Lock on both sides (it enables versioning): retention and legal hold need it, on AWS as here.
        await paris.PutBucketAsync(new PutBucketRequest { BucketName = source, ObjectLockEnabledForBucket = true });
        await dubai.PutBucketAsync(new PutBucketRequest { BucketName = destination, ObjectLockEnabledForBucket = true });
        await paris.PutBucketReplicationAsync(Configuration(source, destination));
        foreach (var (client, bucket) in new[] { (paris, source), (dubai, destination) })
        {
            // Object ACLs in use on both sides (new buckets have them disabled, as on AWS), public ones allowed.
            await client.PutBucketOwnershipControlsAsync(new PutBucketOwnershipControlsRequest
            {
                BucketName = bucket,
                OwnershipControls = new OwnershipControls { Rules = [new OwnershipControlsRule { ObjectOwnership = ObjectOwnership.BucketOwnerPreferred }] },
            });
            await client.PutPublicAccessBlockAsync(new PutPublicAccessBlockRequest
            {
                BucketName = bucket,
                PublicAccessBlockConfiguration = new PublicAccessBlockConfiguration
                {
                    BlockPublicAcls = false, IgnorePublicAcls = false, BlockPublicPolicy = false, RestrictPublicBuckets = false,
                },
            });
        }

        var v1 = await paris.PutObjectAsync(new PutObjectRequest { BucketName = source, Key = "k", ContentBody = "one", TagSet = [new Tag { Key = "a", Value = "1" }] });
        var v2 = await paris.PutObjectAsync(new PutObjectRequest { BucketName = source, Key = "k", ContentBody = "two", TagSet = [new Tag { Key = "a", Value = "1" }] });
        await WaitUntilAsync(async () => (await Versions(dubai, destination)).Count == 2);

        // Each change names one version; each must land on that version only.
        await paris.PutObjectTaggingAsync(new PutObjectTaggingRequest
        {
            BucketName = source, Key = "k", VersionId = v1.VersionId, Tagging = new Amazon.S3.Model.Tagging { TagSet = [new Tag { Key = "a", Value = "2" }] },
        });
        await paris.DeleteObjectTaggingAsync(new DeleteObjectTaggingRequest { BucketName = source, Key = "k", VersionId = v2.VersionId });
        await paris.PutObjectAclAsync(new PutObjectAclRequest { BucketName = source, Key = "k", VersionId = v1.VersionId, ACL = S3CannedACL.PublicRead });
        var until = DateTime.UtcNow.AddDays(1).Date;
        await paris.PutObjectRetentionAsync(new PutObjectRetentionRequest
        {
            BucketName = source, Key = "k", VersionId = v2.VersionId,
            Retention = new ObjectLockRetention { Mode = ObjectLockRetentionMode.Governance, RetainUntilDate = until },
        });
        await paris.PutObjectLegalHoldAsync(new PutObjectLegalHoldRequest
        {
            BucketName = source, Key = "k", VersionId = v1.VersionId, LegalHold = new ObjectLockLegalHold { Status = ObjectLockLegalHoldStatus.On },
        });

        // The last change (the legal hold of v1) arriving means every change before it has: the key's rows go in order.
        await WaitUntilAsync(async () =>
            (await dubai.GetObjectLegalHoldAsync(new GetObjectLegalHoldRequest { BucketName = destination, Key = "k", VersionId = v1.VersionId })).LegalHold.Status
                == ObjectLockLegalHoldStatus.On);
        Assert.Equal([("a", "2")], await TagsAsync(dubai, destination, "k", v1.VersionId));
        Assert.Empty(await TagsAsync(dubai, destination, "k", v2.VersionId));
        var acl = await dubai.GetObjectAclAsync(new GetObjectAclRequest { BucketName = destination, Key = "k", VersionId = v1.VersionId });
        Assert.Contains(acl.Grants, g => g.Grantee.URI == "http://acs.amazonaws.com/groups/global/AllUsers" && g.Permission == S3Permission.READ);
        var acl2 = await dubai.GetObjectAclAsync(new GetObjectAclRequest { BucketName = destination, Key = "k", VersionId = v2.VersionId });
        Assert.DoesNotContain(acl2.Grants, g => g.Grantee.URI == "http://acs.amazonaws.com/groups/global/AllUsers");
        var retention = await dubai.GetObjectRetentionAsync(new GetObjectRetentionRequest { BucketName = destination, Key = "k", VersionId = v2.VersionId });
        Assert.Equal((ObjectLockRetentionMode.Governance, (DateTime?)until), (retention.Retention.Mode, retention.Retention.RetainUntilDate?.ToUniversalTime()));
        foreach (var (client, bucket) in new[] { (paris, source), (dubai, destination) })
        {
            // v2 has a retention and no legal hold, at both ends.
            var hold = await client.GetObjectLegalHoldAsync(new GetObjectLegalHoldRequest { BucketName = bucket, Key = "k", VersionId = v2.VersionId });
            Assert.Equal(ObjectLockLegalHoldStatus.Off, hold.LegalHold.Status);
        }

        // The statuses stay what they were: a metadata change is not a version.
        var replica = await dubai.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = destination, Key = "k", VersionId = v1.VersionId });
        Assert.Equal(ReplicationStatus.Replica, replica.ReplicationStatus);
        await WaitUntilAsync(async () => await BacklogAsync("paris", source) == 0);
        var original = await paris.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = source, Key = "k", VersionId = v1.VersionId });
        Assert.Equal(ReplicationStatus.Completed, original.ReplicationStatus);
    }

    [Fact]
    public async Task With_ReplicaModifications_a_replicas_tag_change_returns_to_the_source_once_and_without_it_does_not()
    {
        using var paris = Federation["paris"].CreateS3Client();
        using var singapore = Federation["singapore"].CreateS3Client();
        using var dubai = Federation["dubai"].CreateS3Client();

        // paris a <-> singapore b with ReplicaModifications on both rules.
        string a = regions.NewBucketName("rm-a"), b = regions.NewBucketName("rm-b");
        await VersionedAsync(paris, a);
        await VersionedAsync(singapore, b);
        await paris.PutBucketReplicationAsync(Configuration(a, b, replicaModifications: true));
        await singapore.PutBucketReplicationAsync(Configuration(b, a, replicaModifications: true));

        // dubai c <-> singapore d without it.
        string c = regions.NewBucketName("no-rm-c"), d = regions.NewBucketName("no-rm-d");
        await VersionedAsync(dubai, c);
        await VersionedAsync(singapore, d);
        await dubai.PutBucketReplicationAsync(Configuration(c, d));
        await singapore.PutBucketReplicationAsync(Configuration(d, c));

        var withSync = await paris.PutObjectAsync(new PutObjectRequest { BucketName = a, Key = "k", ContentBody = "x" });
        var withoutSync = await dubai.PutObjectAsync(new PutObjectRequest { BucketName = c, Key = "k", ContentBody = "y" });
        await WaitUntilAsync(async () => (await Versions(singapore, b)).Count == 1 && (await Versions(singapore, d)).Count == 1);

        // The tag changes are made on the replicas, in singapore.
        await singapore.PutObjectTaggingAsync(new PutObjectTaggingRequest
        {
            BucketName = b, Key = "k", VersionId = withSync.VersionId, Tagging = new Amazon.S3.Model.Tagging { TagSet = [new Tag { Key = "seen", Value = "sg" }] },
        });
        await singapore.PutObjectTaggingAsync(new PutObjectTaggingRequest
        {
            BucketName = d, Key = "k", VersionId = withoutSync.VersionId, Tagging = new Amazon.S3.Model.Tagging { TagSet = [new Tag { Key = "seen", Value = "sg" }] },
        });

        // With it: the source gets the tags, and stays COMPLETED, the replica REPLICA.
        await WaitUntilAsync(async () => (await TagsAsync(paris, a, "k", withSync.VersionId)).SequenceEqual([("seen", "sg")]));
        Assert.Equal(ReplicationStatus.Replica,
            (await singapore.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = b, Key = "k", VersionId = withSync.VersionId })).ReplicationStatus);
        Assert.Equal(ReplicationStatus.Completed,
            (await paris.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = a, Key = "k", VersionId = withSync.VersionId })).ReplicationStatus);

        // Without it: a newer version of the same key written in singapore reaches dubai behind any row of that key that
        // singapore wrote before it, so once it is there, a tag change sent back would be too. It is not.
        var later = await singapore.PutObjectAsync(new PutObjectRequest { BucketName = d, Key = "k", ContentBody = "z" });
        await WaitUntilAsync(async () => (await Versions(dubai, c)).Any(v => v.VersionId == later.VersionId));
        Assert.Empty(await TagsAsync(dubai, c, "k", withoutSync.VersionId));

        // No ping-pong: the change crossed once. Both outboxes empty, and one more write from paris is the only push
        // that follows (a change bouncing between the regions would keep pushing).
        await WaitUntilAsync(async () => await BacklogAsync("paris", a) == 0 && await BacklogAsync("singapore", b) == 0);
        long fromParis = await ReplicatedAsync("paris", a), fromSingapore = await ReplicatedAsync("singapore", b);
        await paris.PutObjectAsync(new PutObjectRequest { BucketName = a, Key = "marker", ContentBody = "m" });
        await WaitUntilAsync(async () => (await Versions(singapore, b)).Any(v => v.Key == "marker"));
        await WaitUntilAsync(async () => await BacklogAsync("paris", a) == 0 && await BacklogAsync("singapore", b) == 0);
        Assert.Equal((fromParis + 1, fromSingapore), (await ReplicatedAsync("paris", a), await ReplicatedAsync("singapore", b)));
        Assert.Equal([("seen", "sg")], await TagsAsync(singapore, b, "k", withSync.VersionId));
    }

    [Fact]
    public async Task A_replicas_change_returns_only_when_the_source_buckets_rule_also_has_ReplicaModifications()
    {
        using var paris = Federation["paris"].CreateS3Client();
        using var singapore = Federation["singapore"].CreateS3Client();

        // paris e -> singapore f without ReplicaModifications; f -> e with it. AWS: replica modification sync must be
        // enabled on the source and destination buckets for a replica's change to go back.
        string e = regions.NewBucketName("rm-one-e"), f = regions.NewBucketName("rm-one-f");
        await VersionedAsync(paris, e);
        await VersionedAsync(singapore, f);
        await paris.PutBucketReplicationAsync(Configuration(e, f));
        await singapore.PutBucketReplicationAsync(Configuration(f, e, replicaModifications: true));

        var version = await paris.PutObjectAsync(new PutObjectRequest { BucketName = e, Key = "k", ContentBody = "x" });
        await WaitUntilAsync(async () => (await Versions(singapore, f)).Count == 1);

        // f's rule sends the replica's change (it has ReplicaModifications); e's rule does not take it.
        await singapore.PutObjectTaggingAsync(new PutObjectTaggingRequest
        {
            BucketName = f, Key = "k", VersionId = version.VersionId, Tagging = new Amazon.S3.Model.Tagging { TagSet = [new Tag { Key = "seen", Value = "sg" }] },
        });
        // A newer version of the key written in singapore reaches paris behind the change's row (rows of one key go in
        // order), so once it is there the change has been pushed, and not applied.
        var later = await singapore.PutObjectAsync(new PutObjectRequest { BucketName = f, Key = "k", ContentBody = "z" });
        await WaitUntilAsync(async () => (await Versions(paris, e)).Any(v => v.VersionId == later.VersionId));
        Assert.Empty(await TagsAsync(paris, e, "k", version.VersionId));
        Assert.Equal([("seen", "sg")], await TagsAsync(singapore, f, "k", version.VersionId));

        // Once e's rule has it too, the next change of the replica goes back.
        await paris.PutBucketReplicationAsync(Configuration(e, f, replicaModifications: true));
        await singapore.PutObjectTaggingAsync(new PutObjectTaggingRequest
        {
            BucketName = f, Key = "k", VersionId = version.VersionId, Tagging = new Amazon.S3.Model.Tagging { TagSet = [new Tag { Key = "seen", Value = "again" }] },
        });
        await WaitUntilAsync(async () => (await TagsAsync(paris, e, "k", version.VersionId)).SequenceEqual([("seen", "again")]));
    }

    [Fact]
    public async Task Concurrent_tag_changes_of_one_version_in_two_regions_converge_on_the_later_one()
    {
        // dubai g <-> singapore h with ReplicaModifications on both rules (Paris, the control region, stays up).
        string g = regions.NewBucketName("lww-g"), h = regions.NewBucketName("lww-h");
        string version;
        using (var dubai = Federation["dubai"].CreateS3Client())
        using (var singapore = Federation["singapore"].CreateS3Client())
        {
            await VersionedAsync(dubai, g);
            await VersionedAsync(singapore, h);
            await dubai.PutBucketReplicationAsync(Configuration(g, h, replicaModifications: true));
            await singapore.PutBucketReplicationAsync(Configuration(h, g, replicaModifications: true));
            version = (await dubai.PutObjectAsync(new PutObjectRequest { BucketName = g, Key = "k", ContentBody = "x" })).VersionId;
            await WaitUntilAsync(async () => (await Versions(singapore, h)).Count == 1);
            await WaitUntilAsync(async () => await BacklogAsync("dubai", g) == 0);
        }

        // Each region changes the version while the other cannot hear it: Singapore first with Dubai down, then Dubai
        // with Singapore down. Both changes then wait in their outboxes and cross at once when both run, each landing
        // after the other region's own change: pushes applied in arrival order would leave each region with the
        // other's tags.
        await Federation.StopRegionAsync("dubai");
        using (var singapore = Federation["singapore"].CreateS3Client())
        {
            await PutTagAsync(singapore, h, version, "singapore");
        }

        await Federation.StopRegionAsync("singapore");
        await Federation.StartRegionAsync("dubai");
        using (var dubai = Federation["dubai"].CreateS3Client())
        {
            await PutTagAsync(dubai, g, version, "dubai");
        }

        await Federation.StartRegionAsync("singapore");
        using (var dubai = Federation["dubai"].CreateS3Client())
        using (var singapore = Federation["singapore"].CreateS3Client())
        {
            await WaitUntilAsync(async () => await BacklogAsync("dubai", g) == 0 && await BacklogAsync("singapore", h) == 0);

            // Last writer wins: Dubai's change, made after Singapore's, at both ends.
            Assert.Equal([("by", "dubai")], await TagsAsync(dubai, g, "k", version));
            Assert.Equal([("by", "dubai")], await TagsAsync(singapore, h, "k", version));

            // And the next change, from the side that lost, still goes through.
            await PutTagAsync(singapore, h, version, "singapore-later");
            await WaitUntilAsync(async () => (await TagsAsync(dubai, g, "k", version)).SequenceEqual([("by", "singapore-later")]));
        }

        foreach (var region in new[] { "dubai", "singapore" })
        {
            Federation[region].AssertNoErrors();
        }
    }

    [Fact]
    public async Task A_multipart_replica_keeps_the_sources_parts_etag_and_checksums()
    {
        using var paris = Federation["paris"].CreateS3Client();
        using var dubai = Federation["dubai"].CreateS3Client();
        string source = regions.NewBucketName("mp-src"), destination = regions.NewBucketName("mp-dst");
        await VersionedAsync(paris, source);
        await VersionedAsync(dubai, destination);
        await paris.PutBucketReplicationAsync(Configuration(source, destination));

        // Three parts of unequal sizes, with SHA-256 part checksums (a composite checksum of the object).
        const int MiB = 1024 * 1024;
        byte[][] parts = [RandomNumberGenerator.GetBytes(5 * MiB), RandomNumberGenerator.GetBytes((5 * MiB) + 4321), RandomNumberGenerator.GetBytes(1000)];
        var upload = await paris.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = source, Key = "mp", ChecksumAlgorithm = ChecksumAlgorithm.SHA256,
        });
        var etags = new List<PartETag>();
        for (int i = 0; i < parts.Length; i++)
        {
            using var body = new MemoryStream(parts[i]);
            var sent = await paris.UploadPartAsync(new UploadPartRequest
            {
                BucketName = source, Key = "mp", UploadId = upload.UploadId, PartNumber = i + 1, InputStream = body, ChecksumAlgorithm = ChecksumAlgorithm.SHA256,
            });
            etags.Add(new PartETag(i + 1, sent.ETag) { ChecksumSHA256 = sent.ChecksumSHA256 });
        }

        var completed = await paris.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = source, Key = "mp", UploadId = upload.UploadId, PartETags = etags,
        });
        await WaitUntilAsync(async () => (await Versions(dubai, destination)).Any(v => v.VersionId == completed.VersionId));

        var original = await paris.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = source, Key = "mp", ChecksumMode = ChecksumMode.ENABLED });
        var replica = await dubai.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = destination, Key = "mp", ChecksumMode = ChecksumMode.ENABLED });
        Assert.EndsWith("-3\"", original.ETag, StringComparison.Ordinal);
        Assert.Equal(original.ETag, replica.ETag);
        Assert.NotNull(original.ChecksumSHA256);
        Assert.Equal(original.ChecksumSHA256, replica.ChecksumSHA256);

        // Part 2 is the same bytes, length and part checksum at both ends, and the part count is the source's.
        foreach (var (client, bucket) in new[] { (paris, source), (dubai, destination) })
        {
            using var part = await client.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "mp", PartNumber = 2, ChecksumMode = ChecksumMode.ENABLED });
            Assert.Equal((3, parts[1].LongLength), (part.PartsCount, part.ContentLength));
            Assert.Equal(Convert.ToBase64String(SHA256.HashData(parts[1])), part.ChecksumSHA256);
            using var md5 = MD5.Create();
            Assert.Equal(MD5.HashData(parts[1]), await md5.ComputeHashAsync(part.ResponseStream));
        }

        var attributes = await dubai.GetObjectAttributesAsync(new GetObjectAttributesRequest
        {
            BucketName = destination, Key = "mp", ObjectAttributes = [ObjectAttributes.ObjectParts],
        });
        Assert.Equal(parts.Select(p => (long)p.Length), attributes.ObjectParts.Parts.Select(p => p.Size ?? 0));
    }

    private static PutBucketReplicationRequest Configuration(string source, string destination, bool replicaModifications = false) => new()
    {
        BucketName = source,
        Configuration = new ReplicationConfiguration
        {
            Role = "arn:aws:iam::000000000000:role/replication",
            Rules =
            [
                new ReplicationRule
                {
                    Id = "to-" + destination,
                    Priority = 1,
                    Status = ReplicationRuleStatus.Enabled,
                    Filter = new ReplicationRuleFilter { Prefix = string.Empty },
                    Destination = new ReplicationDestination { BucketArn = "arn:aws:s3:::" + destination },
                    DeleteMarkerReplication = new DeleteMarkerReplication { Status = DeleteMarkerReplicationStatus.Enabled },
                    SourceSelectionCriteria = new SourceSelectionCriteria
                    {
                        ReplicaModifications = new ReplicaModifications
                        {
                            Status = replicaModifications ? ReplicaModificationsStatus.Enabled : ReplicaModificationsStatus.Disabled,
                        },
                    },
                },
            ],
        },
    };

    private static async Task VersionedAsync(AmazonS3Client client, string bucket)
    {
        await client.PutBucketAsync(bucket);
        await client.PutBucketVersioningAsync(new PutBucketVersioningRequest
        {
            BucketName = bucket, VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Enabled },
        });
    }

    private static async Task<List<(string, string)>> TagsAsync(AmazonS3Client client, string bucket, string key, string versionId) =>
        ((await client.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = bucket, Key = key, VersionId = versionId })).Tagging ?? [])
            .Select(t => (t.Key, t.Value)).ToList();

    private static async Task<List<S3ObjectVersion>> Versions(AmazonS3Client client, string bucket) =>
        (await client.ListVersionsAsync(new ListVersionsRequest { BucketName = bucket })).Versions ?? [];

    private static Task PutTagAsync(AmazonS3Client client, string bucket, string versionId, string by) =>
        client.PutObjectTaggingAsync(new PutObjectTaggingRequest
        {
            BucketName = bucket, Key = "k", VersionId = versionId, Tagging = new Amazon.S3.Model.Tagging { TagSet = [new Tag { Key = "by", Value = by }] },
        });

    /// <summary>The rows waiting in the outbox of <paramref name="bucket"/>'s rules, from the region's admin API.</summary>
    private Task<long> BacklogAsync(string region, string bucket) => RuleFigureAsync(region, bucket, "backlogObjects");

    /// <summary>The pushes of <paramref name="bucket"/>'s rules since the region started, from its admin API.</summary>
    private Task<long> ReplicatedAsync(string region, string bucket) => RuleFigureAsync(region, bucket, "replicated");

    private async Task<long> RuleFigureAsync(string region, string bucket, string figure)
    {
        using var admin = AdminApi.AsOperator(Federation[region].ConsoleEndpoint);
        var answer = await admin.GetAsync("/api/replication");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        return answer.Json.GetProperty("rules").EnumerateArray()
            .Where(r => r.GetProperty("bucket").GetString() == bucket)
            .Sum(r => r.GetProperty(figure).GetInt64());
    }

    /// <summary>Asks again every 100 ms until <paramref name="condition"/> holds, for at most <see cref="Patience"/>.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Replication did not get there within " + Patience.TotalSeconds + " s.");
            await Task.Delay(100);
        }
    }
}
