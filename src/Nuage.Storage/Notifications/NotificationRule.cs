namespace Nuage.Storage.Notifications;

/// <summary>
/// One TopicConfiguration of a bucket's notification configuration: the events it asks for, the key filter
/// (S3Key FilterRules "prefix" and "suffix"), and where matching events go (<see cref="EventDestination"/>).
/// </summary>
public sealed record NotificationRule(string Id, string Destination, IReadOnlyList<string> Events, string? Prefix, string? Suffix)
{
    public bool Matches(string eventName, string key) =>
        (Prefix is null || key.StartsWith(Prefix, StringComparison.Ordinal))
        && (Suffix is null || key.EndsWith(Suffix, StringComparison.Ordinal))
        && Events.Any(pattern => ObjectEventName.Covers(pattern, eventName));
}
