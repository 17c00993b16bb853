using MQTTnet.Packets;

namespace Nuage.Mqtt.Channels;

/// <summary>
/// Topic aliases the broker sets toward one MQTT 5 client that allows them (its CONNECT's Topic Alias Maximum,
/// §3.1.2.11.5; §3.3.2.3.4): the first PUBLISH of a topic goes with its topic and a new alias, later ones with an
/// empty topic and that alias, which saves the topic's bytes on every message after the first (shadow topics such as
/// <c>$aws/things/NAME/shadow/update/delta</c> are long). Aliases are given to the first topics sent, up to the smaller
/// of the client's maximum and the broker's own, and last as long as the connection (§3.3.2.3.4).
/// </summary>
/// <remarks>
/// MQTTnet 5 sends no aliases. The alias goes on at the last moment, on the packet the transport writes, and comes off
/// again once written: MQTTnet keeps the same packet for a resend on a later connection, which has no aliases yet. A
/// mapping is set by the first packet that reaches the wire with it, so deciding and writing happen one packet at a time.
/// </remarks>
internal sealed class OutboundTopicAliases(int maximum)
{
    private readonly Dictionary<string, ushort> _aliases = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _order = new(1, 1);

    public async Task SendAsync(MqttPublishPacket publish, Func<MqttPacket, CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        var topic = publish.Topic;
        if (string.IsNullOrEmpty(topic) || publish.TopicAlias != 0)
        {
            await send(publish, cancellationToken).ConfigureAwait(false);
            return;
        }

        await _order.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_aliases.TryGetValue(topic, out var alias))
            {
                publish.Topic = string.Empty;
            }
            else if (_aliases.Count < maximum)
            {
                alias = (ushort)(_aliases.Count + 1);
                _aliases[topic] = alias;
            }

            publish.TopicAlias = alias;
            try
            {
                await send(publish, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                publish.Topic = topic;
                publish.TopicAlias = 0;
            }
        }
        finally
        {
            _order.Release();
        }
    }
}
