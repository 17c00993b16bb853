using System.Text.Json;

namespace Nuage.Storage.Notifications;

/// <summary>
/// A bucket's notification configuration (PutBucketNotificationConfiguration), stored as the bucket setting
/// "notification" in this JSON form. No rules: notifications are off (S3: "an empty NotificationConfiguration").
/// </summary>
public sealed record NotificationConfiguration(IReadOnlyList<NotificationRule> Rules)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static NotificationConfiguration Empty { get; } = new([]);

    public string ToStored() => JsonSerializer.Serialize(this, Json);

    public static NotificationConfiguration FromStored(string json) =>
        JsonSerializer.Deserialize<NotificationConfiguration>(json, Json) ?? Empty;

    /// <summary>The rules that ask for <paramref name="eventName"/> on <paramref name="key"/>.</summary>
    public IEnumerable<NotificationRule> Matching(string eventName, string key) => Rules.Where(r => r.Matches(eventName, key));
}
