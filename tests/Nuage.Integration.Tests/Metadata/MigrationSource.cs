using System.Net;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using MQTTnet;
using MQTTnet.Protocol;
using Nuage.Integration.Tests.Admin;
using Nuage.Integration.Tests.Iot;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Metadata;

/// <summary>
/// A region's data directory written by the real server through real clients, then stopped: the source of
/// <see cref="MigrateMetadataTests"/>. S3 (versioned and unversioned buckets, a bucket policy, tags, a delete marker,
/// keys outside ASCII, an overwritten large object, multipart uploads open and completed), IAM (an account, a user,
/// its key) and IoT (things, a group and its member, a policy and its attachment, a device credential, a bucket rule
/// with messages waiting in its spool, shadows, retained messages, a persistent session with its subscription and
/// queued messages). Tests only read it.
/// </summary>
public sealed class MigrationSource : IAsyncLifetime
{
    /// <summary>Objects PUT in a loop, so the copy has several batches to cut and resume.</summary>
    public const int BulkObjects = 120;

    /// <summary>A key outside ASCII: its UTF-8 bytes become the BYTEA key.</summary>
    public const string UnicodeKey = "résumé/ключ/🎉 file.txt";

    private readonly TempDirectory _temp = new();

    public string DataDirectory => Path.Combine(_temp.Path, "data");

    public async Task InitializeAsync()
    {
        var server = await NuageProcess.StartAsync(DataDirectory);
        try
        {
            await WriteAsync(server);
        }
        finally
        {
            Assert.Equal(0, await server.StopAsync());
            await server.DisposeAsync();
        }
    }

    public Task DisposeAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }

    private static async Task WriteAsync(NuageProcess server)
    {
        const string account = "migrated";
        IotKeys keys;
        using (var operatorApi = AdminApi.AsOperator(server.ConsoleEndpoint))
        {
            var created = (await operatorApi.PostAsync("/api/accounts", new { name = account })).Expect(HttpStatusCode.Created);
            keys = new IotKeys(created.String("rootAccessKey", "accessKeyId"), created.String("rootAccessKey", "secretAccessKey"), created.String("account", "id"));
        }

        using var s3 = new AmazonS3Client(
            new Amazon.Runtime.BasicAWSCredentials(keys.AccessKeyId, keys.Secret),
            new AmazonS3Config { ServiceURL = server.Endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });

        // A versioned bucket: versions, a delete marker, tags, a key outside ASCII.
        await s3.PutBucketAsync("versioned");
        await s3.PutBucketVersioningAsync(new PutBucketVersioningRequest
        {
            BucketName = "versioned",
            VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Enabled },
        });
        for (int v = 0; v < 3; v++)
        {
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = "versioned", Key = "doc.txt", ContentBody = "version " + v, ContentType = "text/plain" });
        }

        await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = "versioned", Key = UnicodeKey, ContentBody = "unicode",
            TagSet = [new Tag { Key = "team", Value = "blue" }],
        });
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = "versioned", Key = "gone.txt", ContentBody = "soon deleted" });
        await s3.DeleteObjectAsync("versioned", "gone.txt");

        // An unversioned bucket with a policy (a bucket setting), many small objects, and a large object overwritten
        // (its first blob becomes garbage).
        await s3.PutBucketAsync("plain");
        await s3.PutBucketPolicyAsync("plain",
            $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{keys.AccountId}}:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::plain/*"}]}""");
        for (int i = 0; i < BulkObjects; i++)
        {
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = "plain", Key = $"logs/2026/12/{i:000}.log", ContentBody = "line " + i });
        }

        var large = new string('x', 512 * 1024);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = "plain", Key = "large.bin", ContentBody = large });
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = "plain", Key = "large.bin", ContentBody = large + "y" });

        // Multipart: one completed, one left open with a part (uploads and parts rows).
        var part = new string('p', 5 * 1024 * 1024);
        var done = await s3.InitiateMultipartUploadAsync("plain", "multi/done.bin");
        var etag = (await s3.UploadPartAsync(new UploadPartRequest
        {
            BucketName = "plain", Key = "multi/done.bin", UploadId = done.UploadId, PartNumber = 1,
            InputStream = new MemoryStream(Encoding.ASCII.GetBytes(part)),
        })).ETag;
        await s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = "plain", Key = "multi/done.bin", UploadId = done.UploadId, PartETags = [new PartETag(1, etag)],
        });
        var open = await s3.InitiateMultipartUploadAsync("plain", "multi/open.bin");
        await s3.UploadPartAsync(new UploadPartRequest
        {
            BucketName = "plain", Key = "multi/open.bin", UploadId = open.UploadId, PartNumber = 1,
            InputStream = new MemoryStream(Encoding.ASCII.GetBytes(part)),
        });

        await s3.PutBucketAsync("telemetry");
        using (var admin = new AdminApi(server.ConsoleEndpoint, keys.AccessKeyId, keys.Secret))
        {
            // IAM: a user and its access key.
            (await admin.PostAsync($"/api/accounts/{account}/users", new { name = "dana" })).Expect(HttpStatusCode.Created);
            (await admin.PostAsync($"/api/accounts/{account}/users/dana/keys")).Expect(HttpStatusCode.Created);

            // The IoT registry.
            (await admin.PostAsync($"/api/iot/accounts/{account}/things", new { thingName = "lamp-1" })).Expect(HttpStatusCode.Created);
            (await admin.PostAsync($"/api/iot/accounts/{account}/things", new { thingName = "lamp-2" })).Expect(HttpStatusCode.Created);
            (await admin.PostAsync($"/api/iot/accounts/{account}/thing-groups", new { thingGroupName = "lamps" })).Expect(HttpStatusCode.Created);
            (await admin.PutAsync($"/api/iot/accounts/{account}/thing-groups/lamps/things/lamp-2")).Expect(HttpStatusCode.OK);
            (await admin.PostAsync($"/api/iot/accounts/{account}/policies", new
            {
                policyName = "lamp-status",
                policyDocument = IotKeys.Allow(("iot:Publish", $"arn:aws:iot:*:{keys.AccountId}:topic/lamps/status")),
            })).Expect(HttpStatusCode.Created);
            (await admin.PutAsync($"/api/iot/accounts/{account}/policies/lamp-status/thing-groups/lamps")).Expect(HttpStatusCode.OK);
            (await admin.PostAsync($"/api/iot/accounts/{account}/things/lamp-1/credentials")).Expect(HttpStatusCode.Created);

            // A bucket rule that waits an hour before it writes: its messages stay in the spool.
            (await admin.PostAsync($"/api/iot/accounts/{account}/rules", new
            {
                ruleName = "readings", topicFilter = "sensors/+/data", bucket = "telemetry", prefix = "raw", maxMessages = 10000, maxAgeSeconds = 3600,
            })).Expect(HttpStatusCode.Created);
        }

        // A persistent session with a subscription, away while QoS 1 messages for it arrive (queued).
        await using (var keeper = await MqttTestClient.ConnectAsync(server, keys, clientId: "keeper", configure: MqttTestClient.Persistent(3600)))
        {
            await keeper.SubscribeOkAsync("alerts/#");
            await keeper.DisconnectAsync(MqttClientDisconnectOptionsReason.NormalDisconnection);
        }

        await using var device = await MqttTestClient.ConnectAsync(server, keys);
        Assert.True((await device.PublishAsync("status/gateway", "online", MqttQualityOfServiceLevel.AtLeastOnce, retain: true)).IsSuccess);
        Assert.True((await device.PublishAsync("status/lamp-1", "dim", MqttQualityOfServiceLevel.AtLeastOnce, retain: true)).IsSuccess);
        for (int i = 0; i < 5; i++)
        {
            Assert.True((await device.PublishAsync("sensors/s1/data", $$"""{"n":{{i}}}""", MqttQualityOfServiceLevel.AtLeastOnce)).IsSuccess);
            Assert.True((await device.PublishAsync("alerts/fire", "alarm " + i, MqttQualityOfServiceLevel.AtLeastOnce)).IsSuccess);
        }

        // A device shadow, classic and named.
        Assert.True((await device.PublishAsync("$aws/things/lamp-1/shadow/update", """{"state":{"desired":{"on":true}}}""", MqttQualityOfServiceLevel.AtLeastOnce)).IsSuccess);
        Assert.True((await device.PublishAsync("$aws/things/lamp-1/shadow/name/config/update", """{"state":{"reported":{"level":3}}}""", MqttQualityOfServiceLevel.AtLeastOnce)).IsSuccess);
        await device.DisconnectAsync(MqttClientDisconnectOptionsReason.NormalDisconnection);
    }
}
