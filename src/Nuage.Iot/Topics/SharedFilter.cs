namespace Nuage.Iot.Topics;

/// <summary>
/// A shared subscription's filter, <c>$share/{ShareName}/{filter}</c> (MQTT 5 §4.8.2; AWS IoT Core accepts the same
/// form from MQTT 3.1.1 clients too): the messages matching <see cref="Filter"/> go to one of the sessions that
/// subscribed with the same share name, not to each. The share name is at least one character and holds none of
/// '/', '+' and '#' [MQTT-4.8.2-2]; a filter follows it [MQTT-4.8.2-1].
/// </summary>
public sealed record SharedFilter(string ShareName, string Filter)
{
    public const string Prefix = "$share/";

    public static bool IsShared(string? text) => text is not null && text.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>
    /// Splits <c>$share/NAME/FILTER</c>. False when the share name or the filter is missing, or the name holds a
    /// wildcard; the filter itself is checked by <see cref="TopicRules.CheckFilter"/> like any other.
    /// </summary>
    public static bool TryParse(string? text, out SharedFilter shared)
    {
        shared = null!;
        if (!IsShared(text))
        {
            return false;
        }

        var slash = text!.IndexOf('/', Prefix.Length);
        if (slash <= Prefix.Length || slash == text.Length - 1)
        {
            return false;
        }

        var name = text[Prefix.Length..slash];
        if (name.AsSpan().IndexOfAny('+', '#') >= 0)
        {
            return false;
        }

        shared = new SharedFilter(name, text[(slash + 1)..]);
        return true;
    }

    /// <summary>The form the client wrote, which a policy's topicfilter resource names ("AWS IoT Core policy resources").</summary>
    public override string ToString() => string.Concat(Prefix, ShareName, "/", Filter);
}
