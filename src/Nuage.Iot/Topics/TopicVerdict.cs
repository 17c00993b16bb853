namespace Nuage.Iot.Topics;

/// <summary>What <see cref="TopicRules"/> says of a topic name or filter; the MQTT door maps each to a reason code.</summary>
public enum TopicVerdict
{
    Valid,

    /// <summary>
    /// Not well-formed UTF-8 (MQTT 5 §1.5.4, 3.1.1 §1.5.3): a U+0000, or bytes the decoder could not read (they reach
    /// Nuage as U+FFFD). The connection is closed with Malformed Packet (0x81).
    /// </summary>
    Malformed,

    /// <summary>Empty, or wildcards where MQTT forbids them (MQTT 5 §4.7.1): Topic Name / Topic Filter invalid.</summary>
    Invalid,

    /// <summary>Starts with '$': reserved for the broker's own topics (MQTT 5 §4.7.2), except AWS IoT's shadow topics under $aws/things/ (TopicRules).</summary>
    Reserved,

    /// <summary>More than <see cref="TopicRules.MaxBytes"/> bytes of UTF-8 (AWS IoT Core's message broker quota).</summary>
    TooLong,

    /// <summary>More than <see cref="TopicRules.MaxSlashes"/> '/' (AWS IoT Core's message broker quota).</summary>
    TooDeep,
}
