using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Integration.Tests.Iot;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Notifications;

/// <summary>
/// S3 bucket notifications (issue 16, "The other way"; docs/notifications.md) set with AWSSDK.S3 and received by an
/// MQTT subscriber of the bucket owner's account: S3's event JSON, the key filters, and the configuration's checks.
/// </summary>
public sealed class BucketNotificationTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>
{
    [Fact]
    public async Task A_put_and_a_delete_reach_an_MQTT_subscriber_of_the_owner_as_S3_event_JSON_and_the_filter_holds()
    {
        var owner = await IotKeys.NewAccountAsync(fixture, "notify");
        using var s3 = owner.Account!.S3(fixture);
        string bucket = "notify-" + Guid.NewGuid().ToString("N")[..8];
        await s3.PutBucketAsync(bucket);
        await s3.PutBucketNotificationAsync(new PutBucketNotificationRequest
        {
            BucketName = bucket,
            TopicConfigurations =
            [
                new TopicConfiguration
                {
                    Id = "uploads",
                    Topic = $"arn:aws:iot:local:{owner.AccountId}:topic/buckets/{bucket}/events",
                    Events = [EventType.ObjectCreatedAll, EventType.ObjectRemovedDelete],
                    Filter = new Filter { S3KeyFilter = new S3KeyFilter { FilterRules = [new FilterRule("prefix", "in/"), new FilterRule("suffix", ".csv")] } },
                },
            ],
        });

        await using var subscriber = await MqttTestClient.ConnectOkAsync(fixture, owner);
        await subscriber.SubscribeOkAsync("buckets/+/events");

        // Outside the filter first: events are delivered in commit order, so had these produced one, it would come first.
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "out/a.csv", ContentBody = "x" });
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "in/a.txt", ContentBody = "x" });
        var body = RandomNumberGenerator.GetBytes(1234);
        var put = await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "in/day 1.csv", InputStream = new MemoryStream(body) });

        var created = await subscriber.NextAsync();
        Assert.Equal($"buckets/{bucket}/events", created.Topic);
        var record = Record(created.Payload);
        Assert.Equal("ObjectCreated:Put", record.GetProperty("eventName").GetString());
        Assert.Equal("aws:s3", record.GetProperty("eventSource").GetString());
        Assert.Equal("local", record.GetProperty("awsRegion").GetString());
        var s3Part = record.GetProperty("s3");
        Assert.Equal("uploads", s3Part.GetProperty("configurationId").GetString());
        Assert.Equal(bucket, s3Part.GetProperty("bucket").GetProperty("name").GetString());
        Assert.Equal("arn:aws:s3:::" + bucket, s3Part.GetProperty("bucket").GetProperty("arn").GetString());
        var createdObject = s3Part.GetProperty("object");
        Assert.Equal("in/day+1.csv", createdObject.GetProperty("key").GetString());
        Assert.Equal(1234, createdObject.GetProperty("size").GetInt64());
        Assert.Equal(put.ETag.Trim('"'), createdObject.GetProperty("eTag").GetString());
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(body)), createdObject.GetProperty("eTag").GetString());
        string createdSequencer = createdObject.GetProperty("sequencer").GetString()!;

        await s3.DeleteObjectAsync(bucket, "in/day 1.csv");
        var removed = Record((await subscriber.NextAsync()).Payload);
        Assert.Equal("ObjectRemoved:Delete", removed.GetProperty("eventName").GetString());
        var removedObject = removed.GetProperty("s3").GetProperty("object");
        Assert.Equal("in/day+1.csv", removedObject.GetProperty("key").GetString());
        Assert.True(string.CompareOrdinal(removedObject.GetProperty("sequencer").GetString(), createdSequencer) > 0, "A later change of a key has a greater sequencer.");

        // The dispatcher counts what it delivered; the outbox holds no event it has already delivered.
        var metrics = await Observability.ScrapedMetrics.ScrapeAsync(fixture.ConsoleEndpoint);
        // At least the first event: the last one may reach the subscriber just before its delivery is counted.
        Assert.True(metrics.Value("nuage_events_delivered_total", ("kind", "mqtt")) >= 1);
        Assert.True(metrics.Has("nuage_event_outbox_messages"));
    }

    [Fact]
    public async Task Multipart_completion_copy_and_a_delete_marker_are_reported_with_their_own_event_names_and_version_ids()
    {
        var owner = await IotKeys.NewAccountAsync(fixture, "notify-kinds");
        using var s3 = owner.Account!.S3(fixture);
        string bucket = "notify-kinds-" + Guid.NewGuid().ToString("N")[..8];
        await s3.PutBucketAsync(bucket);
        await s3.PutBucketVersioningAsync(new PutBucketVersioningRequest
        {
            BucketName = bucket, VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Enabled },
        });
        await s3.PutBucketNotificationAsync(new PutBucketNotificationRequest
        {
            BucketName = bucket,
            TopicConfigurations =
            [
                new TopicConfiguration
                {
                    Topic = $"arn:aws:iot:local:{owner.AccountId}:topic/events",
                    Events = [EventType.ObjectCreatedCompleteMultipartUpload, EventType.ObjectCreatedCopy, EventType.ObjectRemovedDeleteMarkerCreated],
                },
            ],
        });
        await using var subscriber = await MqttTestClient.ConnectOkAsync(fixture, owner);
        await subscriber.SubscribeOkAsync("events");

        var upload = await s3.InitiateMultipartUploadAsync(bucket, "big");
        var part = await s3.UploadPartAsync(new UploadPartRequest
        {
            BucketName = bucket, Key = "big", UploadId = upload.UploadId, PartNumber = 1, InputStream = new MemoryStream(new byte[100]),
        });
        var completed = await s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket, Key = "big", UploadId = upload.UploadId, PartETags = [new PartETag(1, part.ETag)],
        });
        var copy = await s3.CopyObjectAsync(bucket, "big", bucket, "copy");
        var marker = await s3.DeleteObjectAsync(bucket, "copy");

        var first = Record((await subscriber.NextAsync()).Payload);
        Assert.Equal("ObjectCreated:CompleteMultipartUpload", first.GetProperty("eventName").GetString());
        Assert.Equal(completed.VersionId, first.GetProperty("s3").GetProperty("object").GetProperty("versionId").GetString());
        Assert.Equal(100, first.GetProperty("s3").GetProperty("object").GetProperty("size").GetInt64());

        var second = Record((await subscriber.NextAsync()).Payload);
        Assert.Equal("ObjectCreated:Copy", second.GetProperty("eventName").GetString());
        Assert.Equal(copy.VersionId, second.GetProperty("s3").GetProperty("object").GetProperty("versionId").GetString());

        var third = Record((await subscriber.NextAsync()).Payload);
        Assert.Equal("ObjectRemoved:DeleteMarkerCreated", third.GetProperty("eventName").GetString());
        Assert.Equal(marker.VersionId, third.GetProperty("s3").GetProperty("object").GetProperty("versionId").GetString());
    }

    [Fact]
    public async Task The_configuration_reads_back_as_put_and_an_empty_one_turns_notifications_off()
    {
        var owner = await IotKeys.NewAccountAsync(fixture, "notify-get");
        using var s3 = owner.Account!.S3(fixture);
        string bucket = "notify-get-" + Guid.NewGuid().ToString("N")[..8];
        await s3.PutBucketAsync(bucket);
        Assert.Empty((await s3.GetBucketNotificationAsync(bucket)).TopicConfigurations ?? []);

        string webhook = $"arn:nuage:webhook:local:{owner.AccountId}:http://127.0.0.1:9/hook";
        await s3.PutBucketNotificationAsync(new PutBucketNotificationRequest
        {
            BucketName = bucket,
            TopicConfigurations =
            [
                new TopicConfiguration { Id = "a", Topic = webhook, Events = [EventType.ObjectCreatedPut], Filter = new Filter { S3KeyFilter = new S3KeyFilter { FilterRules = [new FilterRule("suffix", ".jpg")] } } },
                new TopicConfiguration { Id = "b", Topic = webhook, Events = [EventType.ObjectCreatedPut], Filter = new Filter { S3KeyFilter = new S3KeyFilter { FilterRules = [new FilterRule("suffix", ".png")] } } },
            ],
        });
        var read = await s3.GetBucketNotificationAsync(bucket);
        Assert.Equal(["a", "b"], read.TopicConfigurations.Select(t => t.Id));
        Assert.All(read.TopicConfigurations, t => Assert.Equal(webhook, t.Topic));
        Assert.Equal(".png", Assert.Single(read.TopicConfigurations[1].Filter.S3KeyFilter.FilterRules).Value);

        await s3.PutBucketNotificationAsync(new PutBucketNotificationRequest { BucketName = bucket });
        Assert.Empty((await s3.GetBucketNotificationAsync(bucket)).TopicConfigurations ?? []);
    }

    [Fact]
    public async Task Configurations_S3_would_refuse_or_naming_another_account_are_refused_with_InvalidArgument()
    {
        var owner = await IotKeys.NewAccountAsync(fixture, "notify-bad");
        var other = await IotKeys.NewAccountAsync(fixture, "notify-other");
        using var s3 = owner.Account!.S3(fixture);
        string bucket = "notify-bad-" + Guid.NewGuid().ToString("N")[..8];
        await s3.PutBucketAsync(bucket);
        string mine = $"arn:aws:iot:local:{owner.AccountId}:topic/t";

        foreach (var configurations in new List<TopicConfiguration>[]
                 {
                     [new TopicConfiguration { Topic = $"arn:aws:iot:local:{other.AccountId}:topic/t", Events = [EventType.ObjectCreatedPut] }],
                     [new TopicConfiguration { Topic = $"arn:aws:iot:elsewhere:{owner.AccountId}:topic/t", Events = [EventType.ObjectCreatedPut] }],
                     [new TopicConfiguration { Topic = $"arn:aws:iot:local:{owner.AccountId}:topic/sensors/#", Events = [EventType.ObjectCreatedPut] }],
                     [new TopicConfiguration { Topic = "arn:aws:sns:local:" + owner.AccountId + ":topic", Events = [EventType.ObjectCreatedPut] }],
                     [new TopicConfiguration { Topic = mine, Events = [new EventType("s3:ObjectCreated:Teleport")] }],
                     [new TopicConfiguration { Topic = mine, Events = [EventType.ObjectCreatedAll] }, new TopicConfiguration { Topic = mine, Events = [EventType.ObjectCreatedPut] }],
                     [new TopicConfiguration { Topic = mine, Events = [EventType.ObjectCreatedPut], Filter = new Filter { S3KeyFilter = new S3KeyFilter { FilterRules = [new FilterRule("middle", "x")] } } }],
                 })
        {
            var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.PutBucketNotificationAsync(new PutBucketNotificationRequest
            {
                BucketName = bucket, TopicConfigurations = configurations,
            }));
            Assert.Equal(("InvalidArgument", HttpStatusCode.BadRequest), (error.ErrorCode, error.StatusCode));
        }

        // Another account may neither read nor change the configuration.
        using var stranger = other.Account!.S3(fixture);
        var denied = await Assert.ThrowsAsync<AmazonS3Exception>(() => stranger.GetBucketNotificationAsync(bucket));
        Assert.Equal("AccessDenied", denied.ErrorCode);
        Assert.Empty((await s3.GetBucketNotificationAsync(bucket)).TopicConfigurations ?? []);
    }

    private static JsonElement Record(string payload)
    {
        using var document = JsonDocument.Parse(payload);
        return Assert.Single(document.RootElement.GetProperty("Records").EnumerateArray().ToArray()).Clone();
    }
}
