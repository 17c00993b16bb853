using MQTTnet.Packets;
using MQTTnet.Server;
using Nuage.Iot.Topics;

namespace Nuage.Mqtt.Handlers;

/// <summary>
/// Every PUBLISH the broker sends (InterceptingOutboundPacketAsync: live messages, retained ones and wills alike)
/// leaves with the topic its receiver's account knows, the namespace prefix removed. The packet is copied, not
/// changed, so a packet MQTTnet sends again (a retry) still carries the broker's form. A PUBLISH whose topic is
/// not in the receiver's account is never sent.
/// </summary>
public sealed class OutboundTopicHandler
{
    public Task HandleAsync(InterceptingPacketEventArgs e)
    {
        if (e.Packet is not MqttPublishPacket publish)
        {
            return Task.CompletedTask;
        }

        if (!TopicNamespace.TryFromBroker(publish.Topic, out var topicAccountId, out var topic)
            || !ClientIdNamespace.TryFromBroker(e.ClientId, out var receiverAccountId, out _)
            || receiverAccountId != topicAccountId)
        {
            e.ProcessPacket = false;
            return Task.CompletedTask;
        }

        e.Packet = WithTopic(publish, topic);
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
