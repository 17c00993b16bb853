using Nuage.Iot.Rules;

namespace Nuage.Admin.Json;

/// <summary>An IoT rule as the admin API shows it (docs/iot-rules.md "Managing rules"); absent actions are null.</summary>
public sealed record IotRuleDocument(
    string RuleName,
    string RuleArn,
    string TopicFilter,
    string? Condition,
    string? Bucket,
    string? Prefix,
    int? MaxMessages,
    long? MaxBytes,
    int? MaxAgeSeconds,
    string? RepublishTopic,
    IotRuleWebhookDocument? Webhook,
    DateTimeOffset CreatedAt)
{
    public static IotRuleDocument From(TopicRule rule, string arn) =>
        new(rule.Name, arn, rule.TopicFilter, rule.Condition, rule.Bucket?.Bucket, rule.Bucket?.Prefix, rule.Bucket?.MaxMessages, rule.Bucket?.MaxBytes,
            rule.Bucket?.MaxAgeSeconds, rule.RepublishTopic, rule.Webhook is { } webhook ? new IotRuleWebhookDocument(webhook.Url) : null, rule.CreatedAt);
}
