namespace Nuage.Storage.Notifications;

/// <summary>
/// Where a TopicConfiguration sends its events, named by the ARN in its Topic element (docs/notifications.md):
/// <list type="bullet">
/// <item><c>arn:aws:iot:REGION:ACCOUNT:topic/TOPIC</c>: published on the IoT hub to MQTT topic TOPIC of ACCOUNT, the
/// ARN AWS IoT gives a topic ("AWS IoT Core policy resources"), so the same name grants iot:Receive on it;</item>
/// <item><c>arn:nuage:webhook:REGION:ACCOUNT:URL</c>: POSTed to the http(s) URL (S3 would name an SNS topic with an
/// HTTP subscription; Nuage has no SNS, so the ARN carries the endpoint).</item>
/// </list>
/// REGION must be this region and ACCOUNT the bucket owner's: a bucket's events never leave its owner's account.
/// </summary>
public sealed record EventDestination(EventDestinationKind Kind, string Account, string Target)
{
    private const string MqttPrefix = "arn:aws:iot:";
    private const string WebhookPrefix = "arn:nuage:webhook:";

    /// <summary>The destination of <paramref name="arn"/>, or null with <paramref name="problem"/> when it names none Nuage can deliver to.</summary>
    public static EventDestination? Parse(string arn, out string? problem)
    {
        problem = null;
        bool mqtt = arn.StartsWith(MqttPrefix, StringComparison.Ordinal);
        if (!mqtt && !arn.StartsWith(WebhookPrefix, StringComparison.Ordinal))
        {
            problem = "The destination ARN must be arn:aws:iot:REGION:ACCOUNT:topic/TOPIC or arn:nuage:webhook:REGION:ACCOUNT:URL.";
            return null;
        }

        // arn:partition:service:region:account:resource; the resource may hold colons (a URL does).
        var parts = arn.Split(':', 6);
        if (parts.Length != 6 || parts[3].Length == 0 || parts[4].Length == 0)
        {
            problem = "The destination ARN must name a region and an account.";
            return null;
        }

        string resource = parts[5];
        if (mqtt)
        {
            const string TopicPrefix = "topic/";
            if (!resource.StartsWith(TopicPrefix, StringComparison.Ordinal) || !IsTopicName(resource[TopicPrefix.Length..]))
            {
                problem = "An IoT destination must name an MQTT topic without wildcards that does not start with '$': topic/TOPIC.";
                return null;
            }

            return new EventDestination(EventDestinationKind.Mqtt, parts[4], resource[TopicPrefix.Length..]) { Region = parts[3] };
        }

        if (!Uri.TryCreate(resource, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            problem = "A webhook destination must end with an absolute http or https URL.";
            return null;
        }

        return new EventDestination(EventDestinationKind.Webhook, parts[4], resource) { Region = parts[3] };
    }

    public string Region { get; init; } = string.Empty;

    // MQTT 5 §4.7.1: a topic name holds no wildcard and no NUL; §4.7.2: '$' topics are the server's.
    private static bool IsTopicName(string topic) =>
        topic.Length is > 0 and <= 1024 && topic.IndexOfAny(['+', '#', '\0']) < 0 && topic[0] != '$';
}
