namespace Nuage.Mqtt.Shared;

/// <summary>
/// The name a share's waiting messages are stored under in the queued-message store (schema 021's client_id), beside
/// the sessions' queues: "$share/" + share name + "/" + the broker's namespaced filter, as MQTT 5 §4.8.2 writes a
/// shared subscription. A session's id is the broker's ACCOUNT:CLIENTID, whose account part never starts with '$', so
/// the two never meet; a share name holds no '/' (§4.8.2), so the first '/' after the prefix ends it.
/// </summary>
public static class ShareQueueId
{
    private const string Prefix = "$share/";

    public static string For(SharedSubscriptions.ShareKey share) => Prefix + share.ShareName + "/" + share.BrokerFilter;

    public static bool IsShareQueue(string id) => id.StartsWith(Prefix, StringComparison.Ordinal);

    public static bool TryParse(string id, out SharedSubscriptions.ShareKey share)
    {
        share = default;
        if (!IsShareQueue(id))
        {
            return false;
        }

        var slash = id.IndexOf('/', Prefix.Length);
        if (slash <= Prefix.Length || slash == id.Length - 1)
        {
            return false;
        }

        share = new SharedSubscriptions.ShareKey(id[Prefix.Length..slash], id[(slash + 1)..]);
        return true;
    }
}
