using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace Nuage.Mqtt.Channels;

/// <summary>
/// The topic aliases one MQTT 5 client set toward the broker (§3.3.2.3.4), resolved as each PUBLISH arrives, before
/// any other part of the broker reads it: the packet then carries its full topic and no alias, so authorization, the
/// account namespace, rules and retained messages see exactly what a PUBLISH with that topic would show them, and an
/// alias can reach no topic its client could not name itself. Aliases live as long as the connection (§3.3.2.3.4:
/// "Topic Alias mappings exist only within a Network Connection").
/// </summary>
/// <remarks>
/// MQTTnet resolves aliases itself, after the broker's inbound hooks and without checking them (an unknown alias
/// dispatches an empty topic, an alias above the maximum is accepted); taking the alias out here leaves it nothing to do.
/// MQTTnet's decoder reads a Topic Alias property of 0 as no alias, so the value 0 cannot be told apart from its
/// absence: such a PUBLISH is judged by its topic alone.
/// </remarks>
internal sealed class InboundTopicAliases(int maximum)
{
    private readonly Dictionary<ushort, string> _topics = [];

    /// <summary>Gives the PUBLISH its full topic; a reason code when its alias breaks the protocol, else null.</summary>
    public MqttDisconnectReasonCode? Resolve(MqttPublishPacket publish)
    {
        var alias = publish.TopicAlias;
        if (alias == 0)
        {
            return null;
        }

        if (alias > maximum)
        {
            // §3.3.4 1): an alias above the Topic Alias Maximum the server sent is Topic Alias invalid.
            return MqttDisconnectReasonCode.TopicAliasInvalid;
        }

        if (string.IsNullOrEmpty(publish.Topic))
        {
            if (!_topics.TryGetValue(alias, out var topic))
            {
                // §3.3.4 3a): an empty topic with an alias the receiver has no mapping for is a Protocol Error (0x82).
                return MqttDisconnectReasonCode.ProtocolError;
            }

            publish.Topic = topic;
        }
        else
        {
            _topics[alias] = publish.Topic;
        }

        publish.TopicAlias = 0;
        return null;
    }
}
