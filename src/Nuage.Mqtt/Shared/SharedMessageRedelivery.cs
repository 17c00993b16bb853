using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;
using Nuage.Iot.Authorization;
using Nuage.Iot.Topics;
using Nuage.Mqtt.Handlers;

namespace Nuage.Mqtt.Shared;

/// <summary>
/// QoS 1 and 2 messages a member of a shared subscription holds unacknowledged go to another connected member when the
/// first one's connection is lost. MQTT 5 §4.8.2: "If the Server is in the process of sending a QoS 1 message to its
/// chosen subscribing Client and the connection to that Client breaks before the Server has received an
/// acknowledgement from the Client, the Server MAY wait for the Client to reconnect and retransmit the message to that
/// Client. If the Client's Session terminates before the Client reconnects, the Server SHOULD send the Application
/// Message to another Client that is subscribed to the same Shared Subscription. It MAY attempt to send the message to
/// another Client as soon as it loses its connection to the first Client." This broker does the last: a share is a
/// pool of workers, and a message should not wait for a worker that may never come back while others are idle.
/// </summary>
/// <remarks>
/// <para>
/// Each member's share messages are tracked from the moment MQTTnet queues them (InterceptingClientEnqueueAsync, after
/// <see cref="DeliveryHandler"/> chose the member) until the member acknowledges them (PUBACK, or PUBCOMP for QoS 2).
/// A message is known by its payload's array, which every copy MQTTnet makes of one PUBLISH shares (as
/// <see cref="MessageExpiryClock"/> relies on). A QoS 2 message the member answered with PUBREC is its own (it has
/// received it, §4.3.3) and stays. When the member disconnects (or its session ends), each of the others goes to a
/// connected member of its share, taken in turn, at the QoS that member was granted, durably first when that member's
/// session persists (<see cref="OfflineQueueHandler.RecordAsync"/>); the first member's stored row goes, and if its
/// session resumes, MQTTnet's resend of that message to it is not sent (it stays in MQTTnet's memory of the session,
/// unsent, until the session ends). With no other member connected a message stays with its member.
/// </para>
/// <para>
/// Not covered: a message with an empty payload (it has no array to know it by), and, after a restart, the messages a
/// resumed member gets back from the store (they are its own again; they move only if it takes them anew).
/// </para>
/// </remarks>
public sealed class SharedMessageRedelivery(
    SharedSubscriptions shares, SessionPersistenceHandler sessions, OfflineQueueHandler queue, ConnectedClients clients,
    IotAuthorizationService authorization, ILogger<SharedMessageRedelivery> logger)
{
    private readonly ConcurrentDictionary<string, Member> _members = new(StringComparer.Ordinal);
    private MqttServer? _server;

    public void Bind(MqttServer server) => _server = server;

    /// <summary>InterceptingClientEnqueueAsync, after <see cref="DeliveryHandler"/>: a share message queued for its member.</summary>
    public Task DeliveringAsync(InterceptingClientApplicationMessageEnqueueEventArgs e)
    {
        var message = e.ApplicationMessage;
        if (!e.AcceptEnqueue || message is null || message.QualityOfServiceLevel == MqttQualityOfServiceLevel.AtMostOnce
            || ArrayOf(message.Payload) is not { } array
            || shares.ShareDelivering(message, e.ReceiverClientId) is not { } delivering)
        {
            return Task.CompletedTask;
        }

        // §4.8.2: the member receives it at the lower of the published QoS and the QoS it was granted.
        var qos = Math.Min((int)message.QualityOfServiceLevel, delivering.GrantedQos);
        if (qos > 0)
        {
            MemberOf(e.ReceiverClientId).Add(new Held(delivering.Share, message, qos, array));
        }

        return Task.CompletedTask;
    }

    /// <summary>InterceptingOutboundPacketAsync: notes each share message's packet identifier, and holds back one that moved away.</summary>
    public Task SendingAsync(InterceptingPacketEventArgs e)
    {
        if (e.Packet is MqttPublishPacket { QualityOfServiceLevel: > MqttQualityOfServiceLevel.AtMostOnce } publish
            && ArrayOf(publish.Payload) is { } array
            && _members.TryGetValue(e.ClientId, out var member)
            && !member.Sending(array, publish.PacketIdentifier))
        {
            // Another member has it: this session's MQTTnet resend after a reconnect is not sent.
            e.ProcessPacket = false;
        }

        return Task.CompletedTask;
    }

    /// <summary>InterceptingInboundPacketAsync: PUBREC, the member has received a QoS 2 message (§4.3.3); it no longer moves.</summary>
    public Task ReceivingAsync(InterceptingPacketEventArgs e)
    {
        if (e.Packet is MqttPubRecPacket pubRec && _members.TryGetValue(e.ClientId, out var member))
        {
            member.Received(pubRec.PacketIdentifier);
        }

        return Task.CompletedTask;
    }

    public Task AcknowledgedAsync(ClientAcknowledgedPublishPacketEventArgs e)
    {
        if (e.IsCompleted && ArrayOf(e.PublishPacket.Payload) is { } array && _members.TryGetValue(e.ClientId, out var member))
        {
            member.Acknowledged(array);
        }

        return Task.CompletedTask;
    }

    public Task DisconnectedAsync(ClientDisconnectedEventArgs e) =>
        e.DisconnectType == MqttClientDisconnectType.Takeover ? Task.CompletedTask : MoveAsync(e.ClientId);

    /// <summary>The session ended: what it still holds moves if it can ("If the Client's Session terminates"), and its record goes.</summary>
    public async Task DeletedAsync(SessionDeletedEventArgs e)
    {
        await MoveAsync(e.Id).ConfigureAwait(false);
        _members.TryRemove(e.Id, out _);
    }

    private async Task MoveAsync(string leaver)
    {
        if (_server is null || !_members.TryGetValue(leaver, out var member))
        {
            return;
        }

        var movable = member.TakeMovable();
        if (movable.Count == 0)
        {
            return;
        }

        var sessionsById = (await _server.GetSessionsAsync().ConfigureAwait(false)).ToDictionary(s => s.Id, StringComparer.Ordinal);
        foreach (var held in movable)
        {
            try
            {
                if (!await TryMoveAsync(leaver, held, sessionsById).ConfigureAwait(false))
                {
                    member.KeepAfterAll(held);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "A shared message of {ClientId} could not go to another member; it stays with its session", leaver);
                member.KeepAfterAll(held);
            }
        }
    }

    private async Task<bool> TryMoveAsync(string leaver, Held held, Dictionary<string, MqttSessionStatus> sessionsById)
    {
        if (shares.ConnectedMember(held.Share, except: leaver) is not { } target
            || !sessionsById.TryGetValue(target.ClientId, out var session)
            || clients.Find(target.ClientId) is not { } receiver
            || !TopicNamespace.TryFromBroker(held.Message.Topic, out var accountId, out var topic)
            || !await authorization.MayReceiveAsync(receiver.Identity, accountId, topic, receiver.Facts, CancellationToken.None).ConfigureAwait(false))
        {
            return false;
        }

        var qos = Math.Min((int)held.Message.QualityOfServiceLevel, target.GrantedQos);
        // The same payload array: the message keeps its expiry clock and stays known by it at the new member.
        var moved = new MqttApplicationMessage
        {
            Topic = held.Message.Topic,
            Payload = held.Message.Payload,
            QualityOfServiceLevel = (MqttQualityOfServiceLevel)qos,
            PayloadFormatIndicator = held.Message.PayloadFormatIndicator,
            ContentType = held.Message.ContentType,
            ResponseTopic = held.Message.ResponseTopic,
            CorrelationData = held.Message.CorrelationData,
            UserProperties = held.Message.UserProperties,
            MessageExpiryInterval = held.Message.MessageExpiryInterval,
        };

        if (qos > 0)
        {
            if (sessions.Persists(target.ClientId))
            {
                await queue.RecordAsync(target.ClientId, moved, qos).ConfigureAwait(false);
            }

            MemberOf(target.ClientId).Add(new Held(held.Share, moved, qos, held.Array));
        }

        session.TryEnqueueApplicationMessage(moved, out _);
        queue.Forget(leaver, held.Message.Topic, held.Message.Payload);
        return true;
    }

    private Member MemberOf(string clientId) => _members.GetOrAdd(clientId, _ => new Member());

    private static byte[]? ArrayOf(ReadOnlySequence<byte> payload) =>
        !payload.IsEmpty && MemoryMarshal.TryGetArray(payload.First, out var segment) ? segment.Array : null;

    /// <summary>One share message a member holds: its share, the message, the QoS it gets it at, and its payload's array.</summary>
    private sealed record Held(SharedSubscriptions.ShareKey Share, MqttApplicationMessage Message, int Qos, byte[] Array)
    {
        public ushort? PacketIdentifier { get; set; }

        public bool PubRecReceived { get; set; }
    }

    /// <summary>The share messages one member holds unacknowledged, in order, and those that moved away from it.</summary>
    private sealed class Member
    {
        private readonly List<Held> _held = [];
        private readonly HashSet<byte[]> _movedAway = [];
        private readonly Lock _gate = new();

        public void Add(Held held)
        {
            lock (_gate)
            {
                _movedAway.Remove(held.Array);
                _held.Add(held);
            }
        }

        /// <summary>False when the message moved to another member (do not send it).</summary>
        public bool Sending(byte[] array, ushort packetIdentifier)
        {
            lock (_gate)
            {
                if (_movedAway.Contains(array))
                {
                    return false;
                }

                foreach (var held in _held)
                {
                    if (ReferenceEquals(held.Array, array))
                    {
                        held.PacketIdentifier = packetIdentifier;
                        break;
                    }
                }

                return true;
            }
        }

        public void Received(ushort packetIdentifier)
        {
            lock (_gate)
            {
                foreach (var held in _held)
                {
                    if (held.PacketIdentifier == packetIdentifier)
                    {
                        held.PubRecReceived = true;
                        return;
                    }
                }
            }
        }

        public void Acknowledged(byte[] array)
        {
            lock (_gate)
            {
                var index = _held.FindIndex(held => ReferenceEquals(held.Array, array));
                if (index >= 0)
                {
                    _held.RemoveAt(index);
                }
            }
        }

        /// <summary>Takes every message that may move (not a QoS 2 one already PUBREC-ed), marking each moved away.</summary>
        public List<Held> TakeMovable()
        {
            lock (_gate)
            {
                var movable = _held.Where(held => !held.PubRecReceived).ToList();
                _held.RemoveAll(held => !held.PubRecReceived);
                foreach (var held in movable)
                {
                    _movedAway.Add(held.Array);
                }

                return movable;
            }
        }

        /// <summary>A message that found no other member: it stays with this one, which may still get it.</summary>
        public void KeepAfterAll(Held held)
        {
            lock (_gate)
            {
                _movedAway.Remove(held.Array);
                _held.Add(held);
            }
        }
    }
}
