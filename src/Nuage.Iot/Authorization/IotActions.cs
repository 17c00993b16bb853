namespace Nuage.Iot.Authorization;

/// <summary>
/// AWS IoT Core's policy actions for the message broker ("AWS IoT Core policy actions"), the names IAM policies use
/// to grant MQTT rights.
/// </summary>
public static class IotActions
{
    /// <summary>CONNECT, on the client ARN (client/CLIENTID).</summary>
    public const string Connect = "iot:Connect";

    /// <summary>PUBLISH (and the will a CONNECT carries), on the topic ARN (topic/TOPIC).</summary>
    public const string Publish = "iot:Publish";

    /// <summary>PUBLISH with the retain flag set, on the topic ARN, in addition to <see cref="Publish"/>.</summary>
    public const string RetainPublish = "iot:RetainPublish";

    /// <summary>SUBSCRIBE, on the topic filter ARN (topicfilter/FILTER).</summary>
    public const string Subscribe = "iot:Subscribe";

    /// <summary>Each delivery to a subscriber (retained messages included), on the topic ARN.</summary>
    public const string Receive = "iot:Receive";
}
