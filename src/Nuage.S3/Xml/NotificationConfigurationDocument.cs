using System.Xml;
using System.Xml.Linq;
using Nuage.S3.Errors;
using Nuage.Storage.Notifications;

namespace Nuage.S3.Xml;

/// <summary>
/// PutBucketNotificationConfiguration's body and GetBucketNotificationConfiguration's answer (S3 API reference,
/// NotificationConfiguration, TopicConfiguration, NotificationConfigurationFilter, FilterRule). Each
/// TopicConfiguration is a rule: an Id (made up when absent, as S3 does), a Topic ARN naming where events go
/// (<see cref="EventDestination"/>), one or more Event, and S3Key filter rules "prefix" and "suffix".
/// QueueConfiguration, CloudFunctionConfiguration and EventBridgeConfiguration name SQS, Lambda and EventBridge,
/// which Nuage has not: they are refused as destinations S3 could not validate.
/// </summary>
public static class NotificationConfigurationDocument
{
    /// <summary>Writes <paramref name="configuration"/> (an empty NotificationConfiguration when it has no rule).</summary>
    public static void Write(XmlWriter xml, NotificationConfiguration configuration)
    {
        xml.WriteStartElement("NotificationConfiguration", S3Xml.Namespace);
        foreach (var rule in configuration.Rules)
        {
            xml.WriteStartElement("TopicConfiguration");
            xml.WriteElementString("Id", rule.Id);
            xml.WriteElementString("Topic", rule.Destination);
            foreach (var name in rule.Events)
            {
                xml.WriteElementString("Event", name);
            }

            if (rule.Prefix is not null || rule.Suffix is not null)
            {
                xml.WriteStartElement("Filter");
                xml.WriteStartElement("S3Key");
                foreach (var (name, value) in new[] { ("prefix", rule.Prefix), ("suffix", rule.Suffix) })
                {
                    if (value is not null)
                    {
                        xml.WriteStartElement("FilterRule");
                        xml.WriteElementString("Name", name);
                        xml.WriteElementString("Value", value);
                        xml.WriteEndElement();
                    }
                }

                xml.WriteEndElement();
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    /// <summary>
    /// Reads a PutBucketNotificationConfiguration body. The destinations' region and account are checked by the
    /// caller, which knows the bucket. MalformedXML for another root or a rule without Topic or Event; InvalidArgument
    /// for an unknown event, a filter rule other than one prefix and one suffix, an ARN Nuage cannot deliver to, or two
    /// rules that share an event type over overlapping keys (S3: "Configurations overlap").
    /// </summary>
    public static NotificationConfiguration Parse(XElement? root)
    {
        if (root is null || root.Name.LocalName != "NotificationConfiguration")
        {
            throw new S3Exception(S3Error.MalformedXML);
        }

        var rules = new List<NotificationRule>();
        foreach (var element in root.Elements())
        {
            switch (element.Name.LocalName)
            {
                case "TopicConfiguration":
                    rules.Add(ParseRule(element));
                    break;
                case "QueueConfiguration" or "CloudFunctionConfiguration" or "EventBridgeConfiguration":
                    throw Invalid("Unable to validate the following destination configurations: Nuage delivers events to IoT topics and webhooks (TopicConfiguration) only.");
                default:
                    throw new S3Exception(S3Error.MalformedXML);
            }
        }

        if (rules.Select(r => r.Id).Distinct(StringComparer.Ordinal).Count() != rules.Count)
        {
            throw Invalid("Configuration IDs must be unique.");
        }

        for (int i = 0; i < rules.Count; i++)
        {
            for (int j = i + 1; j < rules.Count; j++)
            {
                if (Overlap(rules[i], rules[j]))
                {
                    throw Invalid("Configurations overlap. Configurations on the same bucket cannot share a common event type.");
                }
            }
        }

        return new NotificationConfiguration(rules);
    }

    private static NotificationRule ParseRule(XElement element)
    {
        string id = S3XmlRequest.ChildValue(element, "Id")?.Trim() is { Length: > 0 } given ? given : Guid.NewGuid().ToString("N");
        string topic = S3XmlRequest.ChildValue(element, "Topic")?.Trim() ?? throw new S3Exception(S3Error.MalformedXML);
        if (EventDestination.Parse(topic, out var problem) is null)
        {
            throw Invalid("Unable to validate the following destination configurations: " + problem);
        }

        var events = S3XmlRequest.Children(element, "Event").Select(e => e.Value.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (events.Count == 0)
        {
            throw new S3Exception(S3Error.MalformedXML);
        }

        if (events.FirstOrDefault(e => !ObjectEventName.Accepted.Contains(e)) is { } unknown)
        {
            throw Invalid("The event '" + unknown + "' is not supported for notifications.");
        }

        string? prefix = null;
        string? suffix = null;
        if (element.Elements().FirstOrDefault(e => e.Name.LocalName == "Filter") is { } filter)
        {
            foreach (var rule in filter.Elements().Where(e => e.Name.LocalName == "S3Key").SelectMany(k => S3XmlRequest.Children(k, "FilterRule")))
            {
                string value = S3XmlRequest.ChildValue(rule, "Value") ?? string.Empty;
                string? name = S3XmlRequest.ChildValue(rule, "Name")?.Trim().ToLowerInvariant();
                switch (name)
                {
                    case "prefix" when prefix is null:
                        prefix = value;
                        break;
                    case "suffix" when suffix is null:
                        suffix = value;
                        break;
                    case "prefix" or "suffix":
                        throw Invalid("Cannot specify more than one " + name + " rule in a filter.");
                    default:
                        throw Invalid("filter rule name must be either prefix or suffix");
                }
            }
        }

        return new NotificationRule(id, topic, events, prefix, suffix);
    }

    // S3 refuses two configurations that could both fire for one event on one key: a common event type (a wildcard
    // covers its group) and key filters that some key satisfies at once (prefixes one of the other, suffixes too).
    private static bool Overlap(NotificationRule a, NotificationRule b)
    {
        bool commonEvent = a.Events.Any(x => b.Events.Any(y => Covers(x, y) || Covers(y, x)));
        return commonEvent && Compatible(a.Prefix, b.Prefix, (p, q) => p.StartsWith(q, StringComparison.Ordinal))
            && Compatible(a.Suffix, b.Suffix, (p, q) => p.EndsWith(q, StringComparison.Ordinal));
    }

    private static bool Covers(string pattern, string other) =>
        pattern == other || (pattern.EndsWith(":*", StringComparison.Ordinal) && other.StartsWith(pattern[..^1], StringComparison.Ordinal));

    private static bool Compatible(string? p, string? q, Func<string, string, bool> extends) =>
        p is null || q is null || extends(p, q) || extends(q, p);

    private static S3Exception Invalid(string message) => new(S3Error.InvalidArgument, message);
}
