using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nuage.Iot.Rules;

/// <summary>
/// An IoT rule of an account (docs/iot-rules.md): messages published on topics matching <see cref="TopicFilter"/>
/// (the account's own topics, as its clients name them) and satisfying <see cref="Condition"/> go to a bucket, to
/// another topic, to a webhook, or any of them. Rules are created and deleted, never changed: a batch claimed under a rule is rewritten
/// after a crash under the same bucket and prefix, which is what makes the replay land on the same key.
/// </summary>
public sealed record TopicRule(
    string AccountId,
    string Name,
    string TopicFilter,
    string? Condition,
    BucketAction? Bucket,
    string? RepublishTopic,
    DateTimeOffset CreatedAt)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The parsed condition (null: every message on the filter matches).</summary>
    [JsonIgnore]
    public RuleCondition? ParsedCondition { get; init; }

    /// <summary>The webhook action (null: none). A property, not a parameter, so rules stored before it read back unchanged.</summary>
    public WebhookAction? Webhook { get; init; }

    /// <summary>The definition column of schema 017.</summary>
    public string ToDefinition() => JsonSerializer.Serialize(new Definition(TopicFilter, Condition, Bucket, RepublishTopic, Webhook), Json);

    public static TopicRule FromDefinition(string accountId, string name, string definition, DateTimeOffset createdAt)
    {
        var d = JsonSerializer.Deserialize<Definition>(definition, Json) ?? throw new InvalidOperationException($"Rule {name} has an empty definition.");
        return new TopicRule(accountId, name, d.TopicFilter, d.Condition, d.Bucket, d.RepublishTopic, createdAt)
        {
            ParsedCondition = d.Condition is null ? null : RuleConditionParser.Parse(d.Condition),
            Webhook = d.Webhook,
        };
    }

    private sealed record Definition(string TopicFilter, string? Condition, BucketAction? Bucket, string? RepublishTopic, WebhookAction? Webhook = null);
}
