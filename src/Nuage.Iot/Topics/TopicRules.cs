using System.Text;
using Nuage.Iot.Shadows;

namespace Nuage.Iot.Topics;

/// <summary>
/// The checks every topic name (PUBLISH, will) and topic filter (SUBSCRIBE, UNSUBSCRIBE) passes before the broker
/// sees it: MQTT's syntax, well-formed UTF-8, and AWS IoT Core's limits for customer topics ("AWS IoT Core message
/// broker and protocol limits and quotas": a topic of at most 256 bytes of UTF-8 and at most 7 forward slashes, in
/// a PUBLISH topic as in a SUBSCRIBE filter).
/// </summary>
public static class TopicRules
{
    public const int MaxBytes = 256;

    public const int MaxSlashes = 7;

    public static TopicVerdict CheckName(string? topic) => Check(topic, isFilter: false);

    public static TopicVerdict CheckFilter(string? filter) => Check(filter, isFilter: true);

    /// <summary>
    /// A string MQTT calls malformed: U+0000 is forbidden in every UTF-8 string (MQTT 5 §1.5.4 [MQTT-1.5.4-2]), and
    /// U+FFFD is what MQTTnet's decoder leaves where a client sent bytes that are not UTF-8 [MQTT-1.5.4-1]. A client
    /// that really sent U+FFFD is refused too: Nuage cannot tell the two apart, and no topic needs that character.
    /// </summary>
    public static bool IsMalformed(string? text) =>
        text is not null && text.AsSpan().IndexOfAny('\u0000', '\uFFFD') >= 0;

    private static TopicVerdict Check(string? topic, bool isFilter)
    {
        if (string.IsNullOrEmpty(topic))
        {
            // MQTT 5 §4.7.3: topic names and filters are at least one character long.
            return TopicVerdict.Invalid;
        }

        if (IsMalformed(topic))
        {
            return TopicVerdict.Malformed;
        }

        if (topic[0] == '$' && !IsOpenReservedTopic(topic, isFilter))
        {
            return TopicVerdict.Reserved;
        }

        if (Encoding.UTF8.GetByteCount(topic) > MaxBytes)
        {
            return TopicVerdict.TooLong;
        }

        if (topic.AsSpan().Count('/') > MaxSlashes)
        {
            return TopicVerdict.TooDeep;
        }

        return HasValidWildcards(topic, isFilter) ? TopicVerdict.Valid : TopicVerdict.Invalid;
    }

    /// <summary>
    /// The '$' topics clients may use (MQTT 5 §4.7.2 leaves '$' topics to the server): AWS IoT's shadow topics
    /// ("Device Shadow MQTT topics"), as names when they are exactly one of them, as filters that
    /// could match one (e.g. <c>$aws/things/+/shadow/update/accepted</c>). Every other '$' topic ($SYS, $share,
    /// the broker's own $nuage roots, AWS's jobs or events topics, not built) stays refused. The quotas still apply:
    /// the longest shadow topic, ShadowTopicPrefix/name/NAME/update/documents, has exactly 7 slashes.
    /// </summary>
    private static bool IsOpenReservedTopic(string topic, bool isFilter) =>
        isFilter ? ShadowTopic.MayMatchShadowTopics(topic) : ShadowTopic.IsShadowTopic(topic);

    /// <summary>
    /// MQTT 5 §4.7.1: a topic name holds no wildcard [MQTT-3.3.2-2]; in a filter '#' stands alone as the last level
    /// [MQTT-4.7.1-1] and '+' fills a whole level [MQTT-4.7.1-2].
    /// </summary>
    private static bool HasValidWildcards(string topic, bool isFilter)
    {
        // Level by level over the span: every PUBLISH is checked here, so no array of levels is allocated for it.
        var rest = topic.AsSpan();
        if (rest.IndexOfAny('+', '#') < 0)
        {
            return true;
        }

        if (!isFilter)
        {
            return false;
        }

        while (true)
        {
            var slash = rest.IndexOf('/');
            var isLast = slash < 0;
            var level = isLast ? rest : rest[..slash];
            if (level.IndexOfAny('+', '#') >= 0 && !(level is "+" || (level is "#" && isLast)))
            {
                return false;
            }

            if (isLast)
            {
                return true;
            }

            rest = rest[(slash + 1)..];
        }
    }
}
