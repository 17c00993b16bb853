using Nuage.Metadata;
using Nuage.Storage.Notifications;

namespace Nuage.Storage.Tests.Notifications;

public sealed class NotificationRuleTests
{
    [Theory]
    [InlineData("s3:ObjectCreated:*", "ObjectCreated:Put", true)]
    [InlineData("s3:ObjectCreated:*", "ObjectCreated:CompleteMultipartUpload", true)]
    [InlineData("s3:ObjectCreated:Put", "ObjectCreated:Put", true)]
    [InlineData("s3:ObjectCreated:Put", "ObjectCreated:Post", false)]
    [InlineData("s3:ObjectRemoved:*", "ObjectCreated:Put", false)]
    [InlineData("s3:ObjectRemoved:*", "ObjectRemoved:DeleteMarkerCreated", true)]
    [InlineData("s3:LifecycleExpiration:*", "LifecycleExpiration:Delete", true)]
    [InlineData("ObjectCreated:Put", "ObjectCreated:Put", false)]
    public void An_event_pattern_covers_its_name_or_with_a_wildcard_its_group(string pattern, string eventName, bool covers) =>
        Assert.Equal(covers, ObjectEventName.Covers(pattern, eventName));

    [Theory]
    [InlineData("in/a.csv", true)]
    [InlineData("in/a.txt", false)]
    [InlineData("out/a.csv", false)]
    [InlineData("in/.csv", true)]
    public void A_rule_matches_keys_within_both_its_prefix_and_its_suffix(string key, bool matches)
    {
        var rule = new NotificationRule("r", "arn:aws:iot:local:111111111111:topic/t", ["s3:ObjectCreated:*"], "in/", ".csv");
        Assert.Equal(matches, rule.Matches(ObjectEventName.Put, key));
        Assert.False(rule.Matches(ObjectEventName.Delete, "in/a.csv"));
    }

    [Theory]
    [InlineData("arn:aws:iot:local:111111111111:topic/a/b", EventDestinationKind.Mqtt, "111111111111", "a/b")]
    [InlineData("arn:nuage:webhook:local:111111111111:https://example.com:8443/hook?x=1", EventDestinationKind.Webhook, "111111111111", "https://example.com:8443/hook?x=1")]
    public void A_destination_ARN_names_its_kind_account_and_target(string arn, EventDestinationKind kind, string account, string target)
    {
        var destination = EventDestination.Parse(arn, out var problem);
        Assert.Null(problem);
        Assert.Equal((kind, account, target, "local"), (destination!.Kind, destination.Account, destination.Target, destination.Region));
    }

    [Theory]
    [InlineData("arn:aws:sns:local:111111111111:topic")]
    [InlineData("arn:aws:iot:local:111111111111:topic/a/#")]
    [InlineData("arn:aws:iot:local:111111111111:topic/$aws/things/x")]
    [InlineData("arn:aws:iot:local:111111111111:topic/")]
    [InlineData("arn:aws:iot:local::topic/a")]
    [InlineData("arn:nuage:webhook:local:111111111111:ftp://example.com/")]
    [InlineData("arn:nuage:webhook:local:111111111111:not a url")]
    public void A_destination_Nuage_cannot_deliver_to_is_refused_with_a_reason(string arn)
    {
        Assert.Null(EventDestination.Parse(arn, out var problem));
        Assert.False(string.IsNullOrEmpty(problem));
    }

    [Fact]
    public void The_event_message_is_S3s_with_the_key_URL_encoded_and_no_size_for_a_removal()
    {
        var time = new DateTimeOffset(2026, 12, 2, 4, 20, 11, 123, TimeSpan.Zero);
        var row = new ObjectRow("b", "dir/red flower+1.jpg", "v1", 42, "\"abc\"", time, "local", "111111111111", StoredAttributes.Empty, null, null, null);
        using var created = System.Text.Json.JsonDocument.Parse(S3EventMessage.Build("local", ObjectEventName.Put, "cfg", "b", "111111111111", "111111111111", row));
        var record = created.RootElement.GetProperty("Records")[0];
        Assert.Equal("2026-12-02T04:20:11.123Z", record.GetProperty("eventTime").GetString());
        var obj = record.GetProperty("s3").GetProperty("object");
        Assert.Equal("dir/red+flower%2B1.jpg", obj.GetProperty("key").GetString());
        Assert.Equal((42, "abc", "v1"), (obj.GetProperty("size").GetInt64(), obj.GetProperty("eTag").GetString(), obj.GetProperty("versionId").GetString()));

        using var removed = System.Text.Json.JsonDocument.Parse(S3EventMessage.Build("local", ObjectEventName.Delete, "cfg", "b", "111111111111", "111111111111", row with { VersionId = "null" }));
        var removedObject = removed.RootElement.GetProperty("Records")[0].GetProperty("s3").GetProperty("object");
        Assert.False(removedObject.TryGetProperty("size", out _));
        Assert.False(removedObject.TryGetProperty("versionId", out _));
    }
}
