namespace Nuage.Iot.Authorization;

/// <summary>
/// The resource ARNs of AWS IoT Core's broker actions ("AWS IoT Core policy resources"):
/// arn:aws:iot:REGION:ACCOUNT:client/CLIENTID, :topic/TOPIC and :topicfilter/FILTER. The topic is the one the
/// client sees, never the broker's namespaced form, so policies read as they would on AWS.
/// </summary>
public static class IotArns
{
    public static string Client(string region, string accountId, string clientId) => Of(region, accountId, "client/", clientId);

    public static string Topic(string region, string accountId, string topic) => Of(region, accountId, "topic/", topic);

    public static string TopicFilter(string region, string accountId, string filter) => Of(region, accountId, "topicfilter/", filter);

    private static string Of(string region, string accountId, string kind, string name) =>
        string.Concat("arn:aws:iot:", region, ":", accountId, ":", kind, name);
}
