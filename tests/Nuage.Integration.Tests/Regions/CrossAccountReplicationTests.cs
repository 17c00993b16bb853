using System.Net;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Integration.Tests.Admin;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Regions;

/// <summary>
/// Replication into another account's bucket (AWS "Granting permissions when the source and destination buckets are
/// owned by different accounts"), paris to dubai, with AWSSDK.S3: refused, and the version FAILED with the reason in
/// the rule's status, while the destination's bucket policy does not grant the source's role s3:ReplicateObject;
/// replicated once it does, the replica owned by the destination's account (AccessControlTranslation Owner=Destination).
/// </summary>
public sealed class CrossAccountReplicationTests(TwoRegionsFixture regions) : IClassFixture<TwoRegionsFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private LocalFederation Federation => regions.Federation;

    [Fact]
    public async Task Another_accounts_bucket_takes_replicas_only_when_its_policy_grants_them_and_owns_them()
    {
        var sourceAccount = await CreateAccountAsync("repl-src");
        var destinationAccount = await CreateAccountAsync("repl-dst");
        using var paris = Federation["paris"].CreateS3Client(new BasicAWSCredentials(sourceAccount.KeyId, sourceAccount.Secret));
        using var dubai = Federation["dubai"].CreateS3Client(new BasicAWSCredentials(destinationAccount.KeyId, destinationAccount.Secret));
        await FederatedIdentities.EventuallyAsync(() => FederatedIdentities.AcceptsAsync(Federation["dubai"], destinationAccount.KeyId, destinationAccount.Secret), "dubai knows the destination account");

        string source = regions.NewBucketName("xacct-src"), destination = regions.NewBucketName("xacct-dst");
        await paris.PutBucketAsync(source);
        await dubai.PutBucketAsync(destination);
        await EnableVersioningAsync(paris, source);
        await EnableVersioningAsync(dubai, destination);
        string role = $"arn:aws:iam::{sourceAccount.Id}:role/replication";
        await paris.PutBucketReplicationAsync(new PutBucketReplicationRequest
        {
            BucketName = source,
            Configuration = new ReplicationConfiguration
            {
                Role = role,
                Rules =
                [
                    new ReplicationRule
                    {
                        Id = "to-partner", Priority = 1, Status = ReplicationRuleStatus.Enabled, Filter = new ReplicationRuleFilter { Prefix = string.Empty },
                        DeleteMarkerReplication = new DeleteMarkerReplication { Status = DeleteMarkerReplicationStatus.Disabled },
                        Destination = new ReplicationDestination
                        {
                            BucketArn = "arn:aws:s3:::" + destination, AccountId = destinationAccount.Id,
                            AccessControlTranslation = new AccessControlTranslation { Owner = OwnerOverride.Destination },
                        },
                    },
                ],
            },
        });

        // No policy: the destination refuses, the version is FAILED, the reason is in the rule's status, nothing is written.
        var refused = await paris.PutObjectAsync(new PutObjectRequest { BucketName = source, Key = "report", ContentBody = "before the grant" });
        await WaitUntilAsync(async () => await StatusAsync(paris, source, "report", refused.VersionId) == ReplicationStatus.Failed);
        var state = await RuleStateAsync(source);
        Assert.Equal(1, state.GetProperty("permanentFailures").GetInt64());
        Assert.Contains("s3:ReplicateObject", state.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Empty((await dubai.ListVersionsAsync(new ListVersionsRequest { BucketName = destination })).Versions ?? []);

        // The destination's owner grants the source's replication role, as AWS's example policy does.
        await dubai.PutBucketPolicyAsync(new PutBucketPolicyRequest
        {
            BucketName = destination,
            Policy = $$"""
                {"Version":"2012-10-17","Statement":[{"Sid":"replicas","Effect":"Allow","Principal":{"AWS":"{{role}}"},
                  "Action":["s3:ReplicateObject","s3:ReplicateDelete"],"Resource":"arn:aws:s3:::{{destination}}/*"}]}
                """,
        });
        var granted = await paris.PutObjectAsync(new PutObjectRequest { BucketName = source, Key = "report", ContentBody = "after the grant" });
        await WaitUntilAsync(async () => await StatusAsync(paris, source, "report", granted.VersionId) == ReplicationStatus.Completed);

        using (var replica = await dubai.GetObjectAsync(new GetObjectRequest { BucketName = destination, Key = "report", VersionId = granted.VersionId }))
        {
            Assert.Equal(ReplicationStatus.Replica, replica.ReplicationStatus);
            Assert.Equal("after the grant", await new StreamReader(replica.ResponseStream).ReadToEndAsync());
        }

        // Owner=Destination: the replica is the destination account's; the refused version never arrived.
        var versions = (await dubai.ListVersionsAsync(new ListVersionsRequest { BucketName = destination })).Versions ?? [];
        var only = Assert.Single(versions);
        Assert.Equal(granted.VersionId, only.VersionId);
        string destinationOwner = (await dubai.ListBucketsAsync()).Owner.Id;
        string sourceOwner = (await paris.ListBucketsAsync()).Owner.Id;
        Assert.NotEqual(sourceOwner, destinationOwner);
        Assert.Equal(destinationOwner, only.Owner.Id);
    }

    private async Task<(string Id, string Name, string KeyId, string Secret)> CreateAccountAsync(string purpose)
    {
        using var operatorApi = AdminApi.AsOperator(Federation["paris"].ConsoleEndpoint);
        var created = (await operatorApi.PostAsync("/api/accounts", new { name = $"{purpose}-{Guid.NewGuid().ToString("N")[..8]}" })).Expect(HttpStatusCode.Created);
        return (created.String("account", "id"), created.String("account", "name"), created.String("rootAccessKey", "accessKeyId"), created.String("rootAccessKey", "secretAccessKey"));
    }

    private static Task EnableVersioningAsync(AmazonS3Client client, string bucket) =>
        client.PutBucketVersioningAsync(new PutBucketVersioningRequest
        {
            BucketName = bucket, VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Enabled },
        });

    private static async Task<ReplicationStatus?> StatusAsync(AmazonS3Client client, string bucket, string key, string versionId) =>
        (await client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = key, VersionId = versionId })).ReplicationStatus;

    private async Task<JsonElement> RuleStateAsync(string source)
    {
        using var admin = AdminApi.AsOperator(Federation["paris"].ConsoleEndpoint);
        var answer = (await admin.GetAsync("/api/replication")).Expect(HttpStatusCode.OK);
        return answer.Json.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("bucket").GetString() == source);
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
