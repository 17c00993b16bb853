namespace Nuage.Iot.Shadows;

/// <summary>
/// The policy actions of the Device Shadow REST API ("AWS IoT Core policy actions": iot:GetThingShadow,
/// iot:UpdateThingShadow, iot:DeleteThingShadow, iot:ListNamedShadowsForThing), each on the thing's ARN,
/// arn:aws:iot:REGION:ACCOUNT:thing/THING. Over MQTT the same requests are decided as iot:Publish on their topics.
/// </summary>
public static class ShadowActions
{
    public const string Get = "iot:GetThingShadow";

    public const string Update = "iot:UpdateThingShadow";

    public const string Delete = "iot:DeleteThingShadow";

    public const string ListNamed = "iot:ListNamedShadowsForThing";

    public static string ThingArn(string region, string accountId, string thingName) =>
        string.Concat("arn:aws:iot:", region, ":", accountId, ":thing/", thingName);
}
