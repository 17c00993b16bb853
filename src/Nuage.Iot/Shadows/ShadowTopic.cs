namespace Nuage.Iot.Shadows;

/// <summary>
/// The reserved shadow topics ("Device Shadow MQTT topics"): ShadowTopicPrefix followed by one of the suffixes /get,
/// /get/accepted, /get/rejected, /update, /update/accepted, /update/rejected, /update/delta, /update/documents,
/// /delete, /delete/accepted, /delete/rejected. These are the only <c>$aws</c> topics a client may publish to; the
/// requests among them (/get, /update, /delete) are answered by the shadow service.
/// </summary>
public static class ShadowTopic
{
    /// <summary>Every topic and filter of AWS's thing-related reserved topics begins with this.</summary>
    public const string ThingsRoot = "$aws/things/";

    private static readonly string[] ResponseStubs = ["accepted", "rejected"];

    /// <summary>True for a shadow topic (request or response) with valid thing and shadow names.</summary>
    public static bool IsShadowTopic(string topic) => TryParse(topic, out _, out _, out _);

    /// <summary>
    /// A filter under <c>$aws/things/</c> whose thing level is a thing name or a wildcard and whose next level, if
    /// any, is <c>shadow</c> or a wildcard: it can match shadow topics only (the rest of the syntax is TopicRules').
    /// </summary>
    public static bool MayMatchShadowTopics(string filter)
    {
        if (!filter.StartsWith(ThingsRoot, StringComparison.Ordinal))
        {
            return false;
        }

        var levels = filter[ThingsRoot.Length..].Split('/');
        var thingOk = levels[0] is "+" or "#" || ShadowNames.IsValidThingName(levels[0]);
        return thingOk && (levels.Length == 1 || levels[1] is "shadow" or "+" or "#");
    }

    /// <summary>A request topic (ShadowTopicPrefix/get, /update or /delete) in <paramref name="accountId"/>.</summary>
    public static bool TryParseRequest(string accountId, string topic, out ShadowAddress address, out ShadowOperation operation)
    {
        address = null!;
        if (!TryParse(topic, out var thing, out var shadow, out var suffix) || !TryOperation(suffix, out operation))
        {
            operation = default;
            return false;
        }

        address = new ShadowAddress(accountId, thing, shadow);
        return true;
    }

    /// <summary>The topic of a response or notification, e.g. Response(address, "update/accepted").</summary>
    public static string Response(ShadowAddress address, string suffix) => string.Concat(address.TopicPrefix, "/", suffix);

    private static bool TryOperation(string suffix, out ShadowOperation operation)
    {
        switch (suffix)
        {
            case "get":
                operation = ShadowOperation.Get;
                return true;
            case "update":
                operation = ShadowOperation.Update;
                return true;
            case "delete":
                operation = ShadowOperation.Delete;
                return true;
            default:
                operation = default;
                return false;
        }
    }

    private static bool TryParse(string topic, out string thing, out string shadow, out string suffix)
    {
        thing = shadow = suffix = string.Empty;
        if (!topic.StartsWith(ThingsRoot, StringComparison.Ordinal))
        {
            return false;
        }

        var levels = topic[ThingsRoot.Length..].Split('/');
        // THING / shadow / [name / SHADOW /] OPERATION [/ RESPONSE]
        if (levels.Length < 3 || levels[1] != "shadow" || !ShadowNames.IsValidThingName(levels[0]))
        {
            return false;
        }

        var at = 2;
        if (levels[2] == "name")
        {
            if (levels.Length < 5 || !ShadowNames.IsValidShadowName(levels[3]))
            {
                return false;
            }

            shadow = levels[3];
            at = 4;
        }

        var rest = levels.AsSpan(at);
        if (rest.Length is < 1 or > 2 || !TryOperation(rest[0], out var operation))
        {
            return false;
        }

        if (rest.Length == 2)
        {
            var valid = Array.IndexOf(ResponseStubs, rest[1]) >= 0
                || (operation == ShadowOperation.Update && rest[1] is "delta" or "documents");
            if (!valid)
            {
                return false;
            }
        }

        thing = levels[0];
        suffix = string.Join('/', rest.ToArray());
        return true;
    }
}
