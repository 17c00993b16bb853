using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;
using Nuage.Iot.Topics;

namespace Nuage.Mqtt.Handlers;

/// <summary>
/// Every PUBLISH the broker sends (InterceptingOutboundPacketAsync: live messages, retained ones and wills alike)
/// leaves with the topic its receiver's account knows, the namespace prefix removed. The packet is copied, not
/// changed, so a packet MQTTnet sends again (a retry) still carries the broker's form. A PUBLISH whose topic is
/// not in the receiver's account is never sent, nor one larger than the Maximum Packet Size its client set (MQTT 5
/// §3.1.2.11.4: the server "MUST discard it without sending it and then behave as if it had completed sending").
/// </summary>
/// <remarks>
/// A message that matches a subscription restored after a restart carries that subscription's identifier
/// (<see cref="SubscriptionIdentifiers"/>). A message whose Message Expiry Interval ran out while it waited is not sent, and one that is sent carries what is
/// left of it (<see cref="MessageExpiryClock"/>).
/// </remarks>
public sealed class OutboundTopicHandler(
    ConnectedClients clients, MessageExpiryClock expiry, Outbound.OutboundExchanges exchanges, SubscriptionIdentifiers subscriptionIdentifiers)
{
    public Task HandleAsync(InterceptingPacketEventArgs e)
    {
        if (e.Packet is not MqttPublishPacket publish)
        {
            return Task.CompletedTask;
        }

        if (!TopicNamespace.TryClientTopicIn(publish.Topic, ClientIdNamespace.AccountOf(e.ClientId), out var topic))
        {
            e.ProcessPacket = false;
            return Task.CompletedTask;
        }

        if (exchanges.IsCompleted(e.ClientId, publish))
        {
            // Acknowledged on the session's previous connection after MQTTnet had queued it again for this one.
            e.ProcessPacket = false;
            return Task.CompletedTask;
        }

        if (exchanges.IsReleased(e.ClientId, publish))
        {
            // MQTT 5 §4.4 (3.1.1 §4.4): a QoS 2 message the client answered with PUBREC on an earlier connection of
            // its session is the client's already; what the resumed session sends again is the PUBREL, not the
            // PUBLISH, which the client would take for a new message (MQTTnet's Recover resends the PUBLISH).
            e.Packet = new MqttPubRelPacket { PacketIdentifier = publish.PacketIdentifier, ReasonCode = MqttPubRelReasonCode.Success };
            return Task.CompletedTask;
        }

        var outbound = WithTopic(publish, topic);
        subscriptionIdentifiers.AddRestored(e.ClientId, publish.Topic, outbound);
        if (publish.MessageExpiryInterval > 0 && expiry.Remaining(publish.Payload) is { } remaining)
        {
            if (remaining == 0)
            {
                // [MQTT-3.3.2-5]: the copy for this subscriber is deleted, as if sent.
                e.ProcessPacket = false;
                return Task.CompletedTask;
            }

            outbound.MessageExpiryInterval = remaining;
        }

        if (clients.Find(e.ClientId)?.MaximumPacketSize is { } maximum and > 0 && Limits.PacketSize.OfV5(outbound) > maximum)
        {
            e.ProcessPacket = false;
            return Task.CompletedTask;
        }

        if (publish.QualityOfServiceLevel > MqttQualityOfServiceLevel.AtMostOnce)
        {
            // This packet is the session's own record of an unacknowledged message: if MQTTnet sends it again (the
            // session resumed, MqttSession.Recover), it may be a repeat and must say so, [MQTT-3.3.1-1]. MQTTnet never
            // sets DUP itself. (A message held for the client's Receive Maximum was not written yet and is marked as
            // well: DUP 1 means "might be a re-delivery", §3.3.1.1.)
            publish.Dup = true;
            exchanges.Sending(e.ClientId, publish);
        }

        e.Packet = outbound;
        return Task.CompletedTask;
    }

    private static MqttPublishPacket WithTopic(MqttPublishPacket publish, string topic) => new()
    {
        Topic = topic,
        PacketIdentifier = publish.PacketIdentifier,
        Payload = publish.Payload,
        QualityOfServiceLevel = publish.QualityOfServiceLevel,
        Retain = publish.Retain,
        Dup = publish.Dup,
        ContentType = publish.ContentType,
        CorrelationData = publish.CorrelationData,
        MessageExpiryInterval = publish.MessageExpiryInterval,
        PayloadFormatIndicator = publish.PayloadFormatIndicator,
        ResponseTopic = publish.ResponseTopic,
        SubscriptionIdentifiers = publish.SubscriptionIdentifiers,
        TopicAlias = publish.TopicAlias,
        UserProperties = publish.UserProperties,
    };
}
