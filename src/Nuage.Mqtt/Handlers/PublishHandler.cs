using MQTTnet.Protocol;
using MQTTnet.Server;
using Nuage.Iot.Authorization;
using Nuage.Iot.Shadows;
using Nuage.Iot.Topics;
using Nuage.Mqtt.Shadows;

namespace Nuage.Mqtt.Handlers;

/// <summary>
/// PUBLISH and wills (InterceptingPublishAsync, which MQTTnet calls for both): checks the topic, decides iot:Publish
/// (and iot:RetainPublish), then moves the message into the sender's account namespace (<see cref="TopicNamespace"/>)
/// before the broker matches subscriptions or stores it as retained. A refused QoS 1 or 2 PUBLISH is answered
/// with its reason code in PUBACK/PUBREC (MQTT 5 §3.4.2.1); a refused QoS 0 one is dropped, as AWS IoT Core does.
/// </summary>
public sealed class PublishHandler(
    IotAuthorizationService authorization, ConnectedClients clients, ShadowRequestHandler shadows, Nuage.Iot.Rules.RuleRouter rules, MessageExpiryClock expiry)
{
    public async Task HandleAsync(InterceptingPublishEventArgs e)
    {
        try
        {
            await DecideAsync(e).ConfigureAwait(false);
        }
        catch (Exception ex) when (TransientFailure.Is(ex))
        {
            // The metadata database is away (the sender's policies cannot be read). PUBACK has no "server
            // unavailable" (MQTT 5 §3.4.2.1), so 0x83 Implementation specific error; as for a message the rules cannot
            // spool, a QoS 1 or 2 sender's connection is closed too, so an MQTT 3.1.1 client, whose PUBACK carries no
            // code, resends the message after reconnecting instead of taking it as delivered (§4.4).
            Refuse(e, MqttPubAckReasonCode.ImplementationSpecificError);
            e.CloseConnection = e.ApplicationMessage?.QualityOfServiceLevel is not (null or MqttQualityOfServiceLevel.AtMostOnce);
        }
    }

    private async Task DecideAsync(InterceptingPublishEventArgs e)
    {
        var message = e.ApplicationMessage;
        if (e.ClientId is ShadowPublisher.SenderId or Wills.DelayedWills.SenderId)
        {
            // The shadow service's own answers and delayed wills (MQTTnet passes injected messages through this event
            // too): already in their account's namespace and decided, delivered per receiver by DeliveryHandler.
            return;
        }

        var sender = clients.Find(e.ClientId);
        if (sender is null || message is null)
        {
            Refuse(e, MqttPubAckReasonCode.NotAuthorized);
            return;
        }

        switch (TopicRules.CheckName(message.Topic))
        {
            case TopicVerdict.Valid:
                break;
            case TopicVerdict.Malformed:
                // MalformedPacketGuard closes such connections before they get here; a will cannot be, so it is dropped.
                Refuse(e, MqttPubAckReasonCode.TopicNameInvalid);
                e.CloseConnection = true;
                return;
            case TopicVerdict.Invalid or TopicVerdict.Reserved or TopicVerdict.TooLong or TopicVerdict.TooDeep:
                Refuse(e, MqttPubAckReasonCode.TopicNameInvalid);
                return;
        }

        if (!await authorization.MayPublishAsync(sender.Identity, message.Topic, message.Retain, sender.Facts, e.CancellationToken).ConfigureAwait(false))
        {
            Refuse(e, MqttPubAckReasonCode.NotAuthorized);
            return;
        }

        var clientTopic = message.Topic;
        message.Topic = TopicNamespace.ToBroker(sender.Identity.AccountId, clientTopic);
        expiry.Start(message);

        // IoT rules (docs/iot-rules.md). MQTTnet sends PUBACK/PUBREC only after this event completes
        // (MqttConnectedClient.HandleIncomingPublishPacket), so awaiting the spool's group commit here is what makes
        // an acknowledged QoS 1 message durable. If it cannot be spooled, the connection is closed without an
        // acknowledgement, even in MQTT 3.1.1, which has no PUBACK reason codes: the client sends it again after
        // reconnecting (MQTT 5 §4.4, 3.1.1 §4.4).
        try
        {
            // The client id as the client gave it, not the broker's account-scoped one (ClientIdNamespace).
            string clientId = ClientIdNamespace.TryFromBroker(e.ClientId, out _, out var own) ? own : e.ClientId;
            await rules.RouteAsync(sender.Identity.AccountId, clientTopic, clientId, (int)message.QualityOfServiceLevel, message.Payload, e.CancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception) when (message.QualityOfServiceLevel != MqttQualityOfServiceLevel.AtMostOnce)
        {
            Refuse(e, MqttPubAckReasonCode.ImplementationSpecificError);
            e.CloseConnection = true;
            return;
        }

        // A shadow request is answered by the shadow service and still delivered to the request topic's subscribers,
        // as on AWS, where ShadowTopicPrefix/update is an ordinary topic as well ("Device Shadow MQTT topics").
        if (ShadowTopic.TryParseRequest(sender.Identity.AccountId, clientTopic, out var address, out var operation))
        {
            await shadows.HandleAsync(address, operation, System.Buffers.BuffersExtensions.ToArray(message.Payload), e.CancellationToken).ConfigureAwait(false);
        }
    }

    private static void Refuse(InterceptingPublishEventArgs e, MqttPubAckReasonCode reason)
    {
        e.ProcessPublish = false;
        e.Response.ReasonCode = reason;
    }
}
