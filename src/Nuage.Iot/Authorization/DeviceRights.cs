namespace Nuage.Iot.Authorization;

/// <summary>
/// What every device may do without any policy (docs/iot-devices.md "Rights"): connect with its thing name as client
/// id, and publish, subscribe and receive under its own topics, things/NAME/... and $aws/things/NAME/... (the
/// reserved topics of AWS IoT's device shadow and jobs, "Reserved topics", which another branch opens to clients).
/// Thing names hold none of '/', '+', '#' ([a-zA-Z0-9:_-], CreateThing), so a name can neither end a level early nor
/// be a wildcard, and the prefix test below is exact.
/// </summary>
public static class DeviceRights
{
    private static readonly string[] Roots = ["things/", "$aws/things/"];

    /// <summary>MQTT's client id must be the thing's name (AWS IoT's policy variable iot:Connection.Thing.ThingName rests on that).</summary>
    public static bool MayConnectAs(string thingName, string clientId) => string.Equals(thingName, clientId, StringComparison.Ordinal);

    /// <summary>A topic name (PUBLISH, delivery) at or below things/NAME/ or $aws/things/NAME/, with at least one level after the name.</summary>
    public static bool IsOwnTopic(string thingName, string topic) => OwnRest(thingName, topic) is { Length: > 0 };

    /// <summary>
    /// A filter (SUBSCRIBE) that can only match the thing's own topics: it spells the root and the thing's name
    /// literally, so no wildcard stands in a level before or at the name; any wildcards come after it.
    /// </summary>
    public static bool IsOwnFilter(string thingName, string filter) => OwnRest(thingName, filter) is { Length: > 0 };

    /// <summary>What follows ROOT/NAME/ in <paramref name="topic"/>, or null when it does not start so.</summary>
    private static string? OwnRest(string thingName, string topic)
    {
        ArgumentNullException.ThrowIfNull(thingName);
        ArgumentNullException.ThrowIfNull(topic);
        foreach (var root in Roots)
        {
            if (topic.Length > root.Length + thingName.Length + 1
                && topic.StartsWith(root, StringComparison.Ordinal)
                && topic.AsSpan(root.Length).StartsWith(thingName, StringComparison.Ordinal)
                && topic[root.Length + thingName.Length] == '/')
            {
                return topic[(root.Length + thingName.Length + 1)..];
            }
        }

        return null;
    }
}
