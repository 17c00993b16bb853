namespace Nuage.Iot.Rules;

/// <summary>A rule as an administrator asks for it, before checks (docs/iot-rules.md "Managing rules").</summary>
public sealed record RuleRequest(
    string AccountId,
    string Name,
    string TopicFilter,
    string? Condition,
    string? Bucket,
    string? Prefix,
    int? MaxMessages,
    long? MaxBytes,
    int? MaxAgeSeconds,
    string? RepublishTopic,
    string? WebhookUrl = null);
