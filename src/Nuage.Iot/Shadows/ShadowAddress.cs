namespace Nuage.Iot.Shadows;

/// <summary>One shadow: its account, thing and shadow name (<see cref="ShadowNames.Classic"/> for the classic shadow).</summary>
public sealed record ShadowAddress(string AccountId, string ThingName, string ShadowName)
{
    public bool IsClassic => ShadowName.Length == 0;

    /// <summary>
    /// The topic prefix AWS gives this shadow ("Device Shadow MQTT topics", ShadowTopicPrefix):
    /// <c>$aws/things/THING/shadow</c>, or <c>$aws/things/THING/shadow/name/SHADOW</c> for a named one.
    /// </summary>
    public string TopicPrefix => IsClassic
        ? string.Concat(ShadowTopic.ThingsRoot, ThingName, "/shadow")
        : string.Concat(ShadowTopic.ThingsRoot, ThingName, "/shadow/name/", ShadowName);
}
