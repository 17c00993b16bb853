using System.Net;
using System.Security.Cryptography;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Integration.Tests.Admin;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Regions;

/// <summary>
/// Replication of encrypted versions (AWS "Replicating encrypted objects"), paris to dubai, with AWSSDK.S3: an SSE-S3
/// version arrives with the same bytes, ETag and x-amz-server-side-encryption; an SSE-KMS version arrives encrypted
/// under the rule's ReplicaKmsKeyID (a key of dubai) when the rule opts in, and is not replicated (no status) when it
/// does not; an SSE-C version, whose key the server never holds, arrives as stored and reads with the customer's key.
/// </summary>
public sealed class EncryptedReplicationTests(TwoRegionsFixture regions) : IClassFixture<TwoRegionsFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private LocalFederation Federation => regions.Federation;

    [Fact]
    public async Task An_SSE_S3_version_is_replicated_encrypted_with_the_same_bytes_and_ETag()
    {
        using var paris = Federation["paris"].CreateS3Client();
        using var dubai = Federation["dubai"].CreateS3Client();
        var (source, destination) = await PairAsync(paris, dubai, rule => { });

        // One body kept inline in the metadata row, one in a blob: both ways of storing encrypted bytes.
        byte[] small = RandomNumberGenerator.GetBytes(100), large = RandomNumberGenerator.GetBytes(300 * 1024);
        var putSmall = await PutAsync(paris, source, "small", small, r => r.ServerSideEncryptionMethod = ServerSideEncryptionMethod.AES256);
        var putLarge = await PutAsync(paris, source, "large", large, r => r.ServerSideEncryptionMethod = ServerSideEncryptionMethod.AES256);

        foreach (var (key, body, put) in new[] { ("small", small, putSmall), ("large", large, putLarge) })
        {
            await WaitUntilAsync(async () => await StatusAsync(paris, source, key, put.VersionId) == ReplicationStatus.Completed);
            using var replica = await dubai.GetObjectAsync(new GetObjectRequest { BucketName = destination, Key = key, VersionId = put.VersionId });
            Assert.Equal(ServerSideEncryptionMethod.AES256, replica.ServerSideEncryptionMethod);
            Assert.Equal(ReplicationStatus.Replica, replica.ReplicationStatus);
            Assert.Equal(put.ETag, replica.ETag);
            Assert.Equal(Convert.ToHexString(MD5.HashData(body)).ToLowerInvariant(), put.ETag.Trim('"'));
            Assert.Equal(body, await ReadAllAsync(replica.ResponseStream));
        }
    }

    [Fact]
    public async Task An_SSE_S3_multipart_version_is_replicated_encrypted_with_its_parts()
    {
        using var paris = Federation["paris"].CreateS3Client();
        using var dubai = Federation["dubai"].CreateS3Client();
        var (source, destination) = await PairAsync(paris, dubai, rule => { });

        // Three parts, the last shorter: each is a blob of its own at both ends.
        const int PartSize = 5 * 1024 * 1024;
        byte[] body = RandomNumberGenerator.GetBytes((2 * PartSize) + 123_457);
        var upload = await paris.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = source, Key = "archive", ServerSideEncryptionMethod = ServerSideEncryptionMethod.AES256,
        });
        var parts = new List<PartETag>();
        for (int offset = 0, number = 1; offset < body.Length; offset += PartSize, number++)
        {
            using var part = new MemoryStream(body, offset, Math.Min(PartSize, body.Length - offset));
            var sent = await paris.UploadPartAsync(new UploadPartRequest
            {
                BucketName = source, Key = "archive", UploadId = upload.UploadId, PartNumber = number, InputStream = part,
            });
            parts.Add(new PartETag(number, sent.ETag));
        }

        var completed = await paris.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = source, Key = "archive", UploadId = upload.UploadId, PartETags = parts,
        });
        Assert.EndsWith("-3\"", completed.ETag, StringComparison.Ordinal);

        await WaitUntilAsync(async () => await StatusAsync(paris, source, "archive", completed.VersionId) == ReplicationStatus.Completed);
        using (var replica = await dubai.GetObjectAsync(new GetObjectRequest { BucketName = destination, Key = "archive", VersionId = completed.VersionId }))
        {
            Assert.Equal((completed.ETag, ReplicationStatus.Replica), (replica.ETag, replica.ReplicationStatus));
            Assert.Equal(ServerSideEncryptionMethod.AES256, replica.ServerSideEncryptionMethod);
            Assert.Equal(body, await ReadAllAsync(replica.ResponseStream));
        }

        // Part by part, the replica answers what the source answers (GetObject "PartNumber"): the same range, the
        // same bytes, the same parts count.
        for (int number = 1; number <= 3; number++)
        {
            using var original = await paris.GetObjectAsync(new GetObjectRequest { BucketName = source, Key = "archive", VersionId = completed.VersionId, PartNumber = number });
            using var copy = await dubai.GetObjectAsync(new GetObjectRequest { BucketName = destination, Key = "archive", VersionId = completed.VersionId, PartNumber = number });
            Assert.Equal(3, copy.PartsCount);
            Assert.Equal((original.ContentLength, original.ContentRange, original.PartsCount), (copy.ContentLength, copy.ContentRange, copy.PartsCount));
            Assert.Equal(ServerSideEncryptionMethod.AES256, copy.ServerSideEncryptionMethod);
            Assert.Equal(await ReadAllAsync(original.ResponseStream), await ReadAllAsync(copy.ResponseStream));
        }
    }

    [Fact]
    public async Task An_SSE_KMS_version_is_replicated_under_the_replica_key_only_when_the_rule_opts_in()
    {
        var (name, keyId, secret) = await FederatedIdentities.CreateAccountAsync(Federation["paris"].ConsoleEndpoint, "kmsrepl");
        await FederatedIdentities.EventuallyAsync(() => FederatedIdentities.AcceptsAsync(Federation["dubai"], keyId, secret), "dubai knows the new account");
        using var paris = Federation["paris"].CreateS3Client(new BasicAWSCredentials(keyId, secret));
        using var dubai = Federation["dubai"].CreateS3Client(new BasicAWSCredentials(keyId, secret));
        using var dubaiAdmin = AdminApi.AsOperator(Federation["dubai"].ConsoleEndpoint);
        string replicaKeyArn = (await dubaiAdmin.PostAsync($"/api/accounts/{name}/kms-keys", new { alias = "alias/replicas" })).Expect(HttpStatusCode.Created).String("arn");
        Assert.StartsWith("arn:aws:kms:dubai:", replicaKeyArn, StringComparison.Ordinal);

        // AWS: "ReplicaKmsKeyID must be specified if SseKmsEncryptedObjects tag is present."
        var (incompleteSource, incompleteDestination) = await PairAsync(paris, dubai, null);
        var incomplete = await Assert.ThrowsAsync<AmazonS3Exception>(() => paris.PutBucketReplicationAsync(Configuration(incompleteSource, incompleteDestination, rule =>
            rule.SourceSelectionCriteria = new SourceSelectionCriteria { SseKmsEncryptedObjects = new SseKmsEncryptedObjects { SseKmsEncryptedObjectsStatus = SseKmsEncryptedObjectsStatus.Enabled } })));
        Assert.Equal((HttpStatusCode.BadRequest, "InvalidRequest"), (incomplete.StatusCode, incomplete.ErrorCode));

        var (source, destination) = await PairAsync(paris, dubai, rule =>
        {
            rule.SourceSelectionCriteria = new SourceSelectionCriteria { SseKmsEncryptedObjects = new SseKmsEncryptedObjects { SseKmsEncryptedObjectsStatus = SseKmsEncryptedObjectsStatus.Enabled } };
            rule.Destination.EncryptionConfiguration = new EncryptionConfiguration { ReplicaKmsKeyID = replicaKeyArn };
        });
        var (plainSource, plainDestination) = await PairAsync(paris, dubai, rule => { });
        byte[] body = RandomNumberGenerator.GetBytes(200 * 1024);
        void Kms(PutObjectRequest r) => r.ServerSideEncryptionMethod = ServerSideEncryptionMethod.AWSKMS; // the account's default key in paris
        var selected = await PutAsync(paris, source, "payroll", body, Kms);
        var unselected = await PutAsync(paris, plainSource, "payroll", body, Kms);
        var marker = await PutAsync(paris, plainSource, "plain", [1, 2, 3], _ => { });

        await WaitUntilAsync(async () => await StatusAsync(paris, source, "payroll", selected.VersionId) == ReplicationStatus.Completed);
        using (var replica = await dubai.GetObjectAsync(new GetObjectRequest { BucketName = destination, Key = "payroll", VersionId = selected.VersionId }))
        {
            Assert.Equal(ServerSideEncryptionMethod.AWSKMS, replica.ServerSideEncryptionMethod);
            Assert.Equal(replicaKeyArn, replica.ServerSideEncryptionKeyManagementServiceKeyId);
            Assert.NotEqual(selected.ServerSideEncryptionKeyManagementServiceKeyId, replica.ServerSideEncryptionKeyManagementServiceKeyId);
            Assert.Equal((selected.ETag, ReplicationStatus.Replica), (replica.ETag, replica.ReplicationStatus));
            Assert.Equal(body, await ReadAllAsync(replica.ResponseStream));
        }

        // Without the opt-in the SSE-KMS version is not replicated and has no status, as on AWS; the plain one written
        // after it is.
        await WaitUntilAsync(async () => await StatusAsync(paris, plainSource, "plain", marker.VersionId) == ReplicationStatus.Completed);
        Assert.Null(await StatusAsync(paris, plainSource, "payroll", unselected.VersionId));
        var listed = await dubai.ListVersionsAsync(new ListVersionsRequest { BucketName = plainDestination });
        Assert.Equal(["plain"], (listed.Versions ?? []).Select(v => v.Key));
    }

    [Fact]
    public async Task An_SSE_C_version_is_replicated_as_stored_and_read_at_the_destination_with_the_customers_key()
    {
        using var paris = Federation["paris"].CreateS3Client();
        using var dubai = Federation["dubai"].CreateS3Client();
        var (source, destination) = await PairAsync(paris, dubai, rule => { });
        string customerKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        void Customer(PutObjectRequest r)
        {
            r.ServerSideEncryptionCustomerMethod = ServerSideEncryptionCustomerMethod.AES256;
            r.ServerSideEncryptionCustomerProvidedKey = customerKey;
        }

        // Inline in the row, and in a blob of several 64 KiB blocks.
        byte[] small = RandomNumberGenerator.GetBytes(1000), large = RandomNumberGenerator.GetBytes((200 * 1024) + 7);
        var puts = new[] { ("small", small, await PutAsync(paris, source, "small", small, Customer)), ("large", large, await PutAsync(paris, source, "large", large, Customer)) };
        foreach (var (key, body, put) in puts)
        {
            await WaitUntilAsync(async () => (await paris.GetObjectMetadataAsync(new GetObjectMetadataRequest
            {
                BucketName = source, Key = key, VersionId = put.VersionId,
                ServerSideEncryptionCustomerMethod = ServerSideEncryptionCustomerMethod.AES256, ServerSideEncryptionCustomerProvidedKey = customerKey,
            })).ReplicationStatus == ReplicationStatus.Completed);
            using var replica = await dubai.GetObjectAsync(new GetObjectRequest
            {
                BucketName = destination, Key = key, VersionId = put.VersionId,
                ServerSideEncryptionCustomerMethod = ServerSideEncryptionCustomerMethod.AES256, ServerSideEncryptionCustomerProvidedKey = customerKey,
            });
            Assert.Equal((put.ETag, ReplicationStatus.Replica), (replica.ETag, replica.ReplicationStatus));
            Assert.Equal(ServerSideEncryptionCustomerMethod.AES256, replica.ServerSideEncryptionCustomerMethod);
            Assert.Equal(body, await ReadAllAsync(replica.ResponseStream));

            // The replica is as closed to a reader without the key as its source (AWS: 400 InvalidRequest).
            var keyless = await Assert.ThrowsAsync<AmazonS3Exception>(() => dubai.GetObjectAsync(new GetObjectRequest { BucketName = destination, Key = key, VersionId = put.VersionId }));
            Assert.Equal(HttpStatusCode.BadRequest, keyless.StatusCode);
        }
    }

    [Fact]
    public async Task An_SSE_C_version_of_more_than_300_parts_is_replicated_within_its_region_and_to_two_buckets_of_another()
    {
        using var paris = Federation["paris"].CreateS3Client();
        using var dubai = Federation["dubai"].CreateS3Client();
        string source = regions.NewBucketName("sse-c-src"), local = regions.NewBucketName("sse-c-local");
        string first = regions.NewBucketName("sse-c-dst"), second = regions.NewBucketName("sse-c-dst");
        foreach (var (client, bucket) in new[] { (paris, source), (paris, local), (dubai, first), (dubai, second) })
        {
            await client.PutBucketAsync(bucket);
            await EnableVersioningAsync(client, bucket);
        }

        // Three rules, three destinations: one beside the source, two in one other region. Each replica's blobs are
        // its own, recording the source's ids its keys derive from (docs/replication.md "Encrypted versions").
        await paris.PutBucketReplicationAsync(new PutBucketReplicationRequest
        {
            BucketName = source,
            Configuration = new ReplicationConfiguration
            {
                Role = "arn:aws:iam::000000000000:role/replication",
                Rules = [.. new[] { local, first, second }.Select((destination, i) => new ReplicationRule
                {
                    Id = "to-" + destination, Priority = i + 1, Status = ReplicationRuleStatus.Enabled,
                    Filter = new ReplicationRuleFilter { Prefix = string.Empty },
                    Destination = new ReplicationDestination { BucketArn = "arn:aws:s3:::" + destination },
                    DeleteMarkerReplication = new DeleteMarkerReplication { Status = DeleteMarkerReplicationStatus.Disabled },
                })],
            },
        });

        // 310 parts: their blob list no longer fits a push's header, so it travels in the body.
        const int Parts = 310, PartSize = TwoRegionsFixture.MinPartSize;
        string customerKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        byte[] body = RandomNumberGenerator.GetBytes((Parts * PartSize) - 99);
        var upload = await paris.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = source, Key = "many", ServerSideEncryptionCustomerMethod = ServerSideEncryptionCustomerMethod.AES256,
            ServerSideEncryptionCustomerProvidedKey = customerKey,
        });
        var parts = new List<PartETag>();
        for (int offset = 0, number = 1; offset < body.Length; offset += PartSize, number++)
        {
            using var part = new MemoryStream(body, offset, Math.Min(PartSize, body.Length - offset));
            var sent = await paris.UploadPartAsync(new UploadPartRequest
            {
                BucketName = source, Key = "many", UploadId = upload.UploadId, PartNumber = number, InputStream = part,
                ServerSideEncryptionCustomerMethod = ServerSideEncryptionCustomerMethod.AES256, ServerSideEncryptionCustomerProvidedKey = customerKey,
            });
            parts.Add(new PartETag(number, sent.ETag));
        }

        var completed = await paris.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = source, Key = "many", UploadId = upload.UploadId, PartETags = parts,
        });
        Assert.EndsWith($"-{Parts}\"", completed.ETag, StringComparison.Ordinal);

        // COMPLETED once every destination has it (AWS, with several destinations).
        await WaitUntilAsync(async () => (await paris.GetObjectMetadataAsync(new GetObjectMetadataRequest
        {
            BucketName = source, Key = "many", VersionId = completed.VersionId,
            ServerSideEncryptionCustomerMethod = ServerSideEncryptionCustomerMethod.AES256, ServerSideEncryptionCustomerProvidedKey = customerKey,
        })).ReplicationStatus == ReplicationStatus.Completed);

        foreach (var (client, bucket) in new[] { (paris, local), (dubai, first), (dubai, second) })
        {
            using (var replica = await client.GetObjectAsync(new GetObjectRequest
            {
                BucketName = bucket, Key = "many", VersionId = completed.VersionId,
                ServerSideEncryptionCustomerMethod = ServerSideEncryptionCustomerMethod.AES256, ServerSideEncryptionCustomerProvidedKey = customerKey,
            }))
            {
                Assert.Equal((completed.ETag, ReplicationStatus.Replica), (replica.ETag, replica.ReplicationStatus));
                Assert.Equal(body, await ReadAllAsync(replica.ResponseStream));
            }

            // The last part alone, as at the source (GetObject "PartNumber").
            using var last = await client.GetObjectAsync(new GetObjectRequest
            {
                BucketName = bucket, Key = "many", VersionId = completed.VersionId, PartNumber = Parts,
                ServerSideEncryptionCustomerMethod = ServerSideEncryptionCustomerMethod.AES256, ServerSideEncryptionCustomerProvidedKey = customerKey,
            });
            Assert.Equal(Parts, last.PartsCount);
            Assert.Equal(body[((Parts - 1) * PartSize)..], await ReadAllAsync(last.ResponseStream));
        }

        // The source is untouched by a replica beside it in its own region.
        using var original = await paris.GetObjectAsync(new GetObjectRequest
        {
            BucketName = source, Key = "many", VersionId = completed.VersionId,
            ServerSideEncryptionCustomerMethod = ServerSideEncryptionCustomerMethod.AES256, ServerSideEncryptionCustomerProvidedKey = customerKey,
        });
        Assert.Equal(body, await ReadAllAsync(original.ResponseStream));
    }

    /// <summary>A versioned source in paris replicating by one rule to a versioned destination in dubai (no configuration when <paramref name="configure"/> is null).</summary>
    private async Task<(string Source, string Destination)> PairAsync(AmazonS3Client paris, AmazonS3Client dubai, Action<ReplicationRule>? configure)
    {
        string source = regions.NewBucketName("enc-src"), destination = regions.NewBucketName("enc-dst");
        await paris.PutBucketAsync(source);
        await dubai.PutBucketAsync(destination);
        await EnableVersioningAsync(paris, source);
        await EnableVersioningAsync(dubai, destination);
        if (configure is not null)
        {
            await paris.PutBucketReplicationAsync(Configuration(source, destination, configure));
        }

        return (source, destination);
    }

    private static PutBucketReplicationRequest Configuration(string source, string destination, Action<ReplicationRule> configure)
    {
        var rule = new ReplicationRule
        {
            Id = "to-" + destination, Priority = 1, Status = ReplicationRuleStatus.Enabled,
            Filter = new ReplicationRuleFilter { Prefix = string.Empty },
            Destination = new ReplicationDestination { BucketArn = "arn:aws:s3:::" + destination },
            DeleteMarkerReplication = new DeleteMarkerReplication { Status = DeleteMarkerReplicationStatus.Disabled },
        };
        configure(rule);
        return new PutBucketReplicationRequest
        {
            BucketName = source,
            Configuration = new ReplicationConfiguration { Role = "arn:aws:iam::000000000000:role/replication", Rules = [rule] },
        };
    }

    private static Task EnableVersioningAsync(AmazonS3Client client, string bucket) =>
        client.PutBucketVersioningAsync(new PutBucketVersioningRequest
        {
            BucketName = bucket, VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Enabled },
        });

    private static async Task<PutObjectResponse> PutAsync(AmazonS3Client client, string bucket, string key, byte[] body, Action<PutObjectRequest> encrypt)
    {
        using var stream = new MemoryStream(body);
        var request = new PutObjectRequest { BucketName = bucket, Key = key, InputStream = stream };
        encrypt(request);
        return await client.PutObjectAsync(request);
    }

    private static async Task<ReplicationStatus?> StatusAsync(AmazonS3Client client, string bucket, string key, string versionId) =>
        (await client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = key, VersionId = versionId })).ReplicationStatus;

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>
    /// Asks again every 100 ms until <paramref name="condition"/> holds, for at most <see cref="Patience"/>; then
    /// fails with paris's replication status (each rule's last error), which says why.
    /// </summary>
    private async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow >= deadline)
            {
                using var admin = AdminApi.AsOperator(Federation["paris"].ConsoleEndpoint);
                var status = await admin.GetAsync("/api/replication");
                Assert.Fail("Replication did not get there within " + Patience.TotalSeconds + " s: " + status.Json);
            }

            await Task.Delay(100);
        }
    }
}
