using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;
using Nuage.Iot.Topics;

namespace Nuage.Mqtt.Handlers;

/// <summary>
/// Closes a connection that sends a topic that is not well-formed UTF-8 (MQTT 5 §1.5.4 [MQTT-1.5.4-1], 3.1.1
/// §1.5.3): MQTTnet's decoder accepts such bytes and replaces them with U+FFFD, so the check happens here, on
/// InterceptingInboundPacketAsync, before any other handler sees the packet. MQTT 5 clients get DISCONNECT with
/// Malformed Packet (0x81) [MQTT-4.13.1-1]; MQTT 3.1.1 has no server DISCONNECT, so the connection just closes.
/// Only this client's connection is affected.
/// </summary>
public sealed class MalformedPacketGuard
{
    private Func<string, MqttServerClientDisconnectOptions, Task>? _disconnect;

    /// <summary>Given by the broker once MQTTnet's server exists (the server is built with this guard's handler).</summary>
    public void Bind(Func<string, MqttServerClientDisconnectOptions, Task> disconnect) => _disconnect = disconnect;

    public async Task HandleAsync(InterceptingPacketEventArgs e)
    {
        if (!HasMalformedTopic(e.Packet))
        {
            return;
        }

        e.ProcessPacket = false;
        if (_disconnect is not { } disconnect)
        {
            return;
        }

        try
        {
            await disconnect(e.ClientId, new MqttServerClientDisconnectOptions
            {
                ReasonCode = MqttDisconnectReasonCode.MalformedPacket,
                ReasonString = "A topic is not well-formed UTF-8.",
            }).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // The client is gone already (MQTTnet no longer knows its id): nothing is left to close.
        }
    }

    private static bool HasMalformedTopic(MqttPacket packet) => packet switch
    {
        MqttPublishPacket publish => TopicRules.IsMalformed(publish.Topic),
        MqttSubscribePacket subscribe => subscribe.TopicFilters?.Any(f => TopicRules.IsMalformed(f.Topic)) == true,
        MqttUnsubscribePacket unsubscribe => unsubscribe.TopicFilters?.Any(TopicRules.IsMalformed) == true,
        _ => false,
    };
}
