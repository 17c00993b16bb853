using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;
using Nuage.Iot.Broker;

namespace Nuage.Mqtt.Handlers;

/// <summary>
/// Exactly once for QoS 2 PUBLISHes from clients (MQTT 5 §4.3.3, 3.1.1 §4.3.3; docs/iot.md "Persistence"). MQTTnet 5
/// delivers every PUBLISH it reads and answers PUBREL with PUBCOMP without remembering anything, so a client that
/// sends a QoS 2 PUBLISH again (DUP, after a lost PUBREC or a reconnect) has it delivered twice. The connection's
/// channel (<see cref="Channels.AccountScopedChannelAdapter"/>) asks here before MQTTnet reads a QoS 2 PUBLISH: one whose
/// identifier's exchange is open is answered with PUBREC again and not delivered. The exchange opens when the PUBLISH
/// arrives and ends when the broker sends its PUBCOMP (after the PUBREL, §4.3.3: the identifier is then free) or a
/// PUBREC with a reason code of 0x80 or more (the message was refused; §4.3.3 ends the exchange there).
/// </summary>
/// <remarks>
/// For a persistent session the open exchange is durable before its PUBREC leaves, and its end before its PUBCOMP
/// does (<see cref="ReceivedQos2Store"/>, schema 026), so a restart (kill -9 included) keeps the promise. The write
/// happens when the PUBREC is sent, that is after MQTTnet dispatched the message and the offline queue made it durable
/// for persistent subscribers (OfflineQueueHandler holds the PUBREC for that): a row never stands for a message that
/// was not delivered, which would turn the client's resend into a loss. Cost: one commit before each PUBREC and one
/// before each PUBCOMP, for QoS 2 PUBLISHes of persistent sessions only.
/// </remarks>
public sealed class ReceivedQos2Handler(ReceivedQos2Store store, SessionPersistenceHandler sessions)
{
    /// <summary>Reads what was pending before the restart (after the sessions, whose expired ones are deleted first).</summary>
    public Task LoadAsync() => store.LoadAsync(CancellationToken.None);

    /// <summary>A QoS 2 PUBLISH read from <paramref name="clientId"/>'s connection: false when it repeats an open exchange (answer PUBREC, deliver nothing).</summary>
    public bool Begin(string clientId, MqttPublishPacket publish) =>
        publish.QualityOfServiceLevel != MqttQualityOfServiceLevel.ExactlyOnce || store.TryBegin(clientId, publish.PacketIdentifier);

    /// <summary>A packet about to be written to <paramref name="clientId"/>: a PUBREC or PUBCOMP waits until the exchange's state is durable.</summary>
    public async Task SendingAsync(string clientId, MqttPacket packet, CancellationToken cancellationToken)
    {
        switch (packet)
        {
            case MqttPubRecPacket { ReasonCode: >= MqttPubRecReasonCode.UnspecifiedError } refused:
                // Refused (not authorized, topic invalid): nothing was delivered, the identifier is free (§4.3.3).
                store.End(clientId, refused.PacketIdentifier);
                break;
            case MqttPubRecPacket accepted when sessions.Persists(clientId) && store.IsOpen(clientId, accepted.PacketIdentifier):
                await store.RecordAsync(clientId, accepted.PacketIdentifier, cancellationToken).ConfigureAwait(false);
                break;
            case MqttPubCompPacket complete when store.End(clientId, complete.PacketIdentifier) && sessions.Persists(clientId):
                await store.ForgetAsync(clientId, complete.PacketIdentifier, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>ClientConnectedAsync, after the session handler: a new session (clean start, or none to resume) has no open exchanges.</summary>
    public Task ConnectedAsync(ClientConnectedEventArgs e)
    {
        if (!sessions.Resumed(e.ClientId))
        {
            store.ForgetSession(e.ClientId);
        }

        return Task.CompletedTask;
    }

    public Task DeletedAsync(SessionDeletedEventArgs e)
    {
        store.ForgetSession(e.Id);
        return Task.CompletedTask;
    }
}
