using System.Net;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Integration.Tests.Admin;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Regions;

/// <summary>
/// Issue 17, "Cross-region replication", with three real regions (paris, dubai, singapore) and AWSSDK.S3: the bucket
/// replication API, one-way and two-way replication of puts, overwrites, delete markers, multipart objects and tags
/// (same version ids, timestamps, metadata at the destination), a destination stopped under writes, and kill -9 of
/// the source in the middle of replicating.
/// </summary>
public sealed class ReplicationTests(ThreeRegionsFixture regions) : IClassFixture<ThreeRegionsFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private LocalFederation Federation => regions.Federation;

    [Fact]
    public async Task The_replication_configuration_needs_versioning_and_round_trips()
    {
        using var paris = Federation["paris"].CreateS3Client();
        using var dubai = Federation["dubai"].CreateS3Client();
        string source = regions.NewBucketName("cfg-src"), destination = regions.NewBucketName("cfg-dst");
        await paris.PutBucketAsync(source);
        await dubai.PutBucketAsync(destination);

        // AWSSDK.S3 answers a GetBucketReplication 404 with an empty configuration, so the error is read from the wire.
        await AssertNoConfigurationAsync(source);

        var unversioned = await Assert.ThrowsAsync<AmazonS3Exception>(() => paris.PutBucketReplicationAsync(Configuration(source, destination)));
        Assert.Equal((HttpStatusCode.BadRequest, "InvalidRequest"), (unversioned.StatusCode, unversioned.ErrorCode));
        Assert.Contains("Versioning must be 'Enabled'", unversioned.Message, StringComparison.Ordinal);

        await EnableVersioningAsync(paris, source);
        var missing = await Assert.ThrowsAsync<AmazonS3Exception>(() => paris.PutBucketReplicationAsync(Configuration(source, "no-such-" + destination)));
        Assert.Equal("InvalidRequest", missing.ErrorCode);

        await EnableVersioningAsync(dubai, destination);
        await paris.PutBucketReplicationAsync(Configuration(source, destination, prefix: "docs/"));
        var read = await paris.GetBucketReplicationAsync(new GetBucketReplicationRequest { BucketName = source });
        var rule = Assert.Single(read.Configuration.Rules);
        Assert.Equal(("to-" + destination, 1, "arn:aws:s3:::" + destination), (rule.Id, rule.Priority, rule.Destination.BucketArn));
        Assert.Equal(ReplicationRuleStatus.Enabled, rule.Status);
        Assert.Equal(DeleteMarkerReplicationStatus.Enabled, rule.DeleteMarkerReplication.Status);

        // A replicating bucket keeps versioning enabled.
        var suspend = await Assert.ThrowsAsync<AmazonS3Exception>(() => paris.PutBucketVersioningAsync(new PutBucketVersioningRequest
        {
            BucketName = source, VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Suspended },
        }));
        Assert.Equal((HttpStatusCode.Conflict, "InvalidBucketState"), (suspend.StatusCode, suspend.ErrorCode));

        await paris.DeleteBucketReplicationAsync(new DeleteBucketReplicationRequest { BucketName = source });
        await AssertNoConfigurationAsync(source);
    }

    private async Task AssertNoConfigurationAsync(string bucket)
    {
        using var http = new HttpClient();
        var signer = new SigV4Signer(NuageProcess.AccessKey, NuageProcess.SecretKey);
        using var request = signer.CreateRequest(Federation["paris"].Endpoint, HttpMethod.Get, "/" + bucket, [("replication", "")]);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<Code>ReplicationConfigurationNotFoundError</Code>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_way_replication_keeps_version_ids_times_metadata_tags_multipart_and_delete_markers()
    {
        using var paris = Federation["paris"].CreateS3Client();
        using var dubai = Federation["dubai"].CreateS3Client();
        var (source, destination) = await ReplicatedPairAsync(paris, "paris", dubai, "dubai");

        await paris.PutObjectAsync(new PutObjectRequest
        {
            BucketName = source, Key = "k", ContentBody = "first", ContentType = "text/plain",
            Metadata = { ["colour"] = "blue" }, TagSet = [new Tag { Key = "team", Value = "ops" }],
        });
        await paris.PutObjectAsync(new PutObjectRequest { BucketName = source, Key = "k", ContentBody = "second" });
        byte[] big = RandomNumberGenerator.GetBytes((5 * 1024 * 1024) + 1234);
        await MultipartAsync(paris, source, "big", big);
        await paris.DeleteObjectAsync(source, "k");

        var expected = await WaitForReplicaAsync(paris, source, dubai, destination, 4);
        var first = expected.Single(v => v.Key == "k" && v.IsDeleteMarker != true && v.Size == 5);

        // The destination holds the same versions, with the same ids and times; the delete marker is its latest version.
        var head = await dubai.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = destination, Key = "k", VersionId = first.VersionId });
        Assert.Equal(("text/plain", "blue", ReplicationStatus.Replica), (head.Headers.ContentType, head.Metadata["colour"], head.ReplicationStatus));
        var original = await paris.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = source, Key = "k", VersionId = first.VersionId });
        Assert.Equal(original.LastModified, head.LastModified);
        var tags = await dubai.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = destination, Key = "k", VersionId = first.VersionId });
        Assert.Equal(("team", "ops"), (tags.Tagging.Single().Key, tags.Tagging.Single().Value));
        var deleted = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => dubai.GetObjectAsync(destination, "k"));
        Assert.Equal(HttpStatusCode.NotFound, deleted.StatusCode);

        using (var copy = await dubai.GetObjectAsync(destination, "big"))
        {
            Assert.Equal(ReplicationStatus.Replica, copy.ReplicationStatus);
            Assert.Equal(MD5.HashData(big), await Md5Async(copy.ResponseStream));
        }

        // The source's versions are COMPLETED.
        var sourceHead = await paris.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = source, Key = "big" });
        Assert.Equal(ReplicationStatus.Completed, sourceHead.ReplicationStatus);

        // A version removed by id is not replicated (AWS: the deletion of a version is not replicated).
        await paris.DeleteObjectAsync(new DeleteObjectRequest { BucketName = source, Key = "big", VersionId = sourceHead.VersionId });
        await paris.PutObjectAsync(new PutObjectRequest { BucketName = source, Key = "after", ContentBody = "x" });
        await WaitUntilAsync(async () => (await Versions(dubai, destination)).Any(v => v.Key == "after"));
        Assert.Contains(await Versions(dubai, destination), v => v.Key == "big" && v.VersionId == sourceHead.VersionId);
    }

    [Fact]
    public async Task Two_way_replication_converges_on_one_version_without_ping_pong()
    {
        using var paris = Federation["paris"].CreateS3Client();
        using var singapore = Federation["singapore"].CreateS3Client();
        string a = regions.NewBucketName("two-a"), b = regions.NewBucketName("two-b");
        await paris.PutBucketAsync(a);
        await singapore.PutBucketAsync(b);
        await EnableVersioningAsync(paris, a);
        await EnableVersioningAsync(singapore, b);
        await paris.PutBucketReplicationAsync(Configuration(a, b, replicaModifications: true));
        await singapore.PutBucketReplicationAsync(Configuration(b, a, replicaModifications: true));

        for (int round = 0; round < 5; round++)
        {
            string key = "k" + round;
            await Task.WhenAll(
                paris.PutObjectAsync(new PutObjectRequest { BucketName = a, Key = key, ContentBody = "from paris" }),
                singapore.PutObjectAsync(new PutObjectRequest { BucketName = b, Key = key, ContentBody = "from singapore" }));
        }

        // Each side ends with both writes of every key, and the same one of them current.
        await WaitUntilAsync(async () => (await Versions(paris, a)).Count == 10 && (await Versions(singapore, b)).Count == 10);
        for (int round = 0; round < 5; round++)
        {
            string key = "k" + round;
            var here = await paris.GetObjectMetadataAsync(a, key);
            var there = await singapore.GetObjectMetadataAsync(b, key);
            Assert.Equal(here.VersionId, there.VersionId);
            Assert.Equal(here.ETag, there.ETag);
        }

        // No replica went back: after every push is done, each side still has exactly the ten versions.
        await WaitUntilAsync(async () => await BacklogAsync("paris") == 0 && await BacklogAsync("singapore") == 0);
        Assert.Equal(10, (await Versions(paris, a)).Count);
        Assert.Equal(10, (await Versions(singapore, b)).Count);
    }

    [Fact]
    public async Task A_destination_stopped_under_writes_gets_the_backlog_in_order_when_it_returns()
    {
        using var paris = Federation["paris"].CreateS3Client();
        var (source, destination) = await ReplicatedPairAsync(paris, "paris", Federation["dubai"].CreateS3Client(), "dubai");

        await Federation.StopRegionAsync("dubai");
        for (int i = 0; i < 60; i++)
        {
            await paris.PutObjectAsync(new PutObjectRequest { BucketName = source, Key = "key-" + (i % 4), ContentBody = "write " + i });
        }

        var pending = await paris.GetObjectMetadataAsync(source, "key-0");
        Assert.Equal(ReplicationStatus.Pending, pending.ReplicationStatus);
        Assert.True(await BacklogAsync("paris") >= 4);

        // The same backlog in /metrics, per rule, with the age of the oldest pending write.
        using (var http = new HttpClient())
        {
            var metrics = await http.GetStringAsync(new Uri(Federation["paris"].ConsoleEndpoint, "/metrics"));
            string rule = $"{{rule=\"{source}/to-{destination}\"}}";
            var backlog = metrics.Split('\n').Single(l => l.StartsWith("nuage_replication_backlog_objects" + rule, StringComparison.Ordinal));
            Assert.True(double.Parse(backlog[(backlog.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture) >= 4, backlog);
            Assert.Contains("nuage_replication_oldest_pending_seconds" + rule, metrics, StringComparison.Ordinal);
            // Each failed attempt to reach the stopped region is counted (the first may still be under way).
            await WaitUntilAsync(async () => (await http.GetStringAsync(new Uri(Federation["paris"].ConsoleEndpoint, "/metrics")))
                .Contains("nuage_replication_failures_total{rule=\"" + source + "/to-" + destination + "\",kind=\"retry\"}", StringComparison.Ordinal));
        }

        // `nuage admin regions` shows dubai out of reach and the rule's backlog.
        var table = (await ChildProcess.RunAsync("dotnet", [RepositoryPaths.ServerDll, "admin", "regions"], new Dictionary<string, string?>
        {
            ["NUAGE_ADMIN_ENDPOINT"] = Federation["paris"].ConsoleEndpoint.ToString(),
            ["NUAGE_ACCESS_KEY"] = NuageProcess.AccessKey,
            ["NUAGE_SECRET_KEY"] = NuageProcess.SecretKey,
        })).AssertSuccess().StandardOutput;
        Assert.Matches(@"(?m)^dubai\s+member\s+false\s+false\b", table);
        Assert.Contains("Replication from this region:", table, StringComparison.Ordinal);
        Assert.Matches($@"(?m)^{source}\s+to-{destination}\s+true\s+{destination}\s+([4-9]|\d\d+)\s", table);

        await Federation.StartRegionAsync("dubai");
        using var dubai = Federation["dubai"].CreateS3Client();
        await WaitForReplicaAsync(paris, source, dubai, destination, 60);
        await WaitUntilAsync(async () => await BacklogAsync("paris") == 0);
        Assert.Equal(ReplicationStatus.Completed, (await paris.GetObjectMetadataAsync(source, "key-0")).ReplicationStatus);
    }

    [Fact]
    public async Task Kill_9_of_the_source_while_it_replicates_loses_nothing()
    {
        using var singapore = Federation["singapore"].CreateS3Client();
        using var dubai = Federation["dubai"].CreateS3Client();
        var (source, destination) = await ReplicatedPairAsync(singapore, "singapore", dubai, "dubai");

        // Acknowledged writes, then kill -9 while their pushes are under way.
        int acknowledged = 0;
        for (int i = 0; i < 120; i++)
        {
            await singapore.PutObjectAsync(new PutObjectRequest { BucketName = source, Key = "k" + (i % 10), ContentBody = new string('x', i) });
            acknowledged++;
        }

        await Federation.KillRegionAsync("singapore");
        await Federation.StartRegionAsync("singapore");
        using var again = Federation["singapore"].CreateS3Client();
        var versions = await WaitForReplicaAsync(again, source, dubai, destination, acknowledged);
        Assert.Equal(acknowledged, versions.Count);
    }

    [Fact]
    public async Task Kill_9_of_the_destination_while_it_receives_loses_nothing_and_duplicates_nothing()
    {
        using var paris = Federation["paris"].CreateS3Client();
        var (source, destination) = await ReplicatedPairAsync(paris, "paris", Federation["singapore"].CreateS3Client(), "singapore");
        var writes = Task.Run(async () =>
        {
            for (int i = 0; i < 80; i++)
            {
                await paris.PutObjectAsync(new PutObjectRequest { BucketName = source, Key = "k" + (i % 8), InputStream = new MemoryStream(new byte[200 * 1024]) });
            }
        });

        // Killed once pushes have started arriving, while the writes go on.
        using (var before = Federation["singapore"].CreateS3Client())
        {
            await WaitUntilAsync(async () => (await Versions(before, destination)).Count > 0);
        }

        await Federation.KillRegionAsync("singapore");
        await writes;
        await Federation.StartRegionAsync("singapore");
        using var singapore = Federation["singapore"].CreateS3Client();
        var versions = await WaitForReplicaAsync(paris, source, singapore, destination, 80);
        Assert.Equal(80, versions.Count);
    }

    /// <summary>A versioned bucket in each region, the first replicating to the second with delete markers.</summary>
    private async Task<(string Source, string Destination)> ReplicatedPairAsync(AmazonS3Client from, string fromRegion, AmazonS3Client to, string toRegion)
    {
        string source = regions.NewBucketName(fromRegion[..3] + "-src"), destination = regions.NewBucketName(toRegion[..3] + "-dst");
        await from.PutBucketAsync(source);
        await to.PutBucketAsync(destination);
        await EnableVersioningAsync(from, source);
        await EnableVersioningAsync(to, destination);
        await from.PutBucketReplicationAsync(Configuration(source, destination));
        return (source, destination);
    }

    private static PutBucketReplicationRequest Configuration(string source, string destination, string prefix = "", bool replicaModifications = false) => new()
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
                    Filter = new ReplicationRuleFilter { Prefix = prefix },
                    Destination = new ReplicationDestination { BucketArn = "arn:aws:s3:::" + destination },
                    DeleteMarkerReplication = new DeleteMarkerReplication { Status = DeleteMarkerReplicationStatus.Enabled },
                    SourceSelectionCriteria = replicaModifications
                        ? new SourceSelectionCriteria { ReplicaModifications = new ReplicaModifications { Status = ReplicaModificationsStatus.Enabled } }
                        : null,
                },
            ],
        },
    };

    private static Task EnableVersioningAsync(AmazonS3Client client, string bucket) =>
        client.PutBucketVersioningAsync(new PutBucketVersioningRequest
        {
            BucketName = bucket, VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Enabled },
        });

    /// <summary>
    /// Waits until the destination lists exactly the source's versions (at least <paramref name="atLeast"/>), key by
    /// key in the same order, with the same ids, times and delete markers; returns them.
    /// </summary>
    private static async Task<List<S3ObjectVersion>> WaitForReplicaAsync(AmazonS3Client from, string source, AmazonS3Client to, string destination, int atLeast)
    {
        List<S3ObjectVersion> expected = [];
        List<S3ObjectVersion> actual = [];
        await WaitUntilAsync(async () =>
        {
            expected = await Versions(from, source);
            actual = await Versions(to, destination);
            return expected.Count >= atLeast && Same(expected, actual);
        });
        return expected;

        static bool Same(List<S3ObjectVersion> a, List<S3ObjectVersion> b) =>
            a.Count == b.Count && a.Zip(b).All(p => p.First.Key == p.Second.Key && p.First.VersionId == p.Second.VersionId
                && p.First.IsDeleteMarker == p.Second.IsDeleteMarker && p.First.IsLatest == p.Second.IsLatest
                && p.First.LastModified == p.Second.LastModified && p.First.ETag == p.Second.ETag);
    }

    private static async Task<List<S3ObjectVersion>> Versions(AmazonS3Client client, string bucket)
    {
        var all = new List<S3ObjectVersion>();
        var request = new ListVersionsRequest { BucketName = bucket };
        while (true)
        {
            var page = await client.ListVersionsAsync(request);
            all.AddRange(page.Versions ?? []);
            if (page.IsTruncated != true)
            {
                return all;
            }

            request.KeyMarker = page.NextKeyMarker;
            request.VersionIdMarker = page.NextVersionIdMarker;
        }
    }

    /// <summary>Versions waiting in the region's replication outbox, from the admin API.</summary>
    private async Task<long> BacklogAsync(string region)
    {
        using var admin = AdminApi.AsOperator(Federation[region].ConsoleEndpoint);
        var answer = await admin.GetAsync("/api/replication");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        return answer.Json.GetProperty("rules").EnumerateArray().Sum(r => r.GetProperty("backlogObjects").GetInt64());
    }

    private static async Task MultipartAsync(AmazonS3Client client, string bucket, string key, byte[] body)
    {
        var upload = await client.InitiateMultipartUploadAsync(bucket, key);
        var parts = new List<PartETag>();
        const int PartSize = 5 * 1024 * 1024;
        for (int offset = 0, number = 1; offset < body.Length; offset += PartSize, number++)
        {
            using var part = new MemoryStream(body, offset, Math.Min(PartSize, body.Length - offset));
            var sent = await client.UploadPartAsync(new UploadPartRequest
            {
                BucketName = bucket, Key = key, UploadId = upload.UploadId, PartNumber = number, InputStream = part,
            });
            parts.Add(new PartETag(number, sent.ETag));
        }

        await client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = upload.UploadId, PartETags = parts });
    }

    private static async Task<byte[]> Md5Async(Stream stream)
    {
        using var md5 = MD5.Create();
        return await md5.ComputeHashAsync(stream);
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
