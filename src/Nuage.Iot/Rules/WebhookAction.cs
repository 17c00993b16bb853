namespace Nuage.Iot.Rules;

/// <summary>
/// POSTs each matched message, as its JSON line (<see cref="SpoolLine"/>), to <paramref name="Url"/>, retried until
/// delivered. Delivery reuses the bucket events' outbox (docs/notifications.md "Delivery: the outbox"): the router
/// adds an outbox row in the same group-commit unit as the message's spool row, and <c>EventDispatcher</c> posts it
/// and backs off from 1 s to 5 min while the receiver fails, so a QoS 1 message is acknowledged only once its
/// delivery is durably queued.
/// </summary>
public sealed record WebhookAction(string Url)
{
    /// <summary>Longest URL accepted: the ARN it becomes is stored per message, so it is kept reasonable.</summary>
    public const int MaxUrlLength = 2048;

    /// <summary>
    /// The outbox destination <c>EventDispatcher</c> delivers as a webhook: <c>arn:nuage:webhook:REGION:ACCOUNT:URL</c>.
    /// The dispatcher posts to URL and uses neither REGION nor ACCOUNT (only bucket configurations check them, when
    /// they are set), so the rule's own region and account are written for the record.
    /// </summary>
    public string Destination(string region, string accountId) => string.Concat("arn:nuage:webhook:", region, ":", accountId, ":", Url);

    /// <summary>Null when <paramref name="url"/> is an absolute http or https URL the dispatcher can post to, else why not.</summary>
    public static string? Problem(string url)
    {
        if (url.Length == 0 || url.Length > MaxUrlLength || url.Any(char.IsControl) || url.Any(char.IsWhiteSpace))
        {
            return $"webhook.url must be 1 to {MaxUrlLength} characters without spaces or control characters.";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps)
            || parsed.Host.Length == 0)
        {
            return $"webhook.url '{url}' must be an absolute http:// or https:// URL.";
        }

        // The dispatcher's EventDestination.Parse reads the same check back from the ARN; a URL it refused would wait forever.
        return Nuage.Storage.Notifications.EventDestination.Parse(new WebhookAction(url).Destination("r", "a"), out var refused) is null ? refused : null;
    }
}
