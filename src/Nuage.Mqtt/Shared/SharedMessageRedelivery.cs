using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
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
/// unsent, until the session ends).
/// </para>
/// <para>
/// With no other member connected, a member whose session persists keeps its messages ("MAY wait for the Client to
/// reconnect"): MQTTnet resends them when it resumes. When the session ends (a clean session's connection, or expiry)
/// and still no member is connected, its messages wait with the share, in order (at most the session queue limit,
/// oldest dropped), durably (stored under the share's id, <see cref="ShareQueueId"/>, so a restart or kill -9 keeps
/// them), and go to the first member that connects or subscribes to the share (§4.8.2: "the Server SHOULD send the
/// Application Message to another Client that is subscribed to the same Shared Subscription").
/// </para>
/// <para>
/// A message with an empty payload gets an array of its own when it is published (<see cref="IdentifyingAsync"/>),
/// zero bytes long, so it is known like any other. After a restart, the messages a resumed member gets back from the
/// store are its share messages again when only a share of its matches their topic (<see cref="Restored"/>): they
/// move like the others if it leaves again.
/// </para>
/// </remarks>
public sealed class SharedMessageRedelivery(
    SharedSubscriptions shares, SessionPersistenceHandler sessions, OfflineQueueHandler queue, ConnectedClients clients,
    IotAuthorizationService authorization, Limits.MqttLimits limits, ILogger<SharedMessageRedelivery> logger)
{
    private readonly ConcurrentDictionary<string, Member> _members = new(StringComparer.Ordinal);

    /// <summary>Messages of ended sessions that found no connected member, by share, oldest first, with the store id of the share's queue.</summary>
    private readonly ConcurrentDictionary<SharedSubscriptions.ShareKey, List<(string Leaver, Held Held)>> _waiting = new();

    /// <summary>The zero-length arrays given to empty payloads: only those identify a message (MQTTnet shares one empty buffer).</summary>
    private readonly ConditionalWeakTable<byte[], object> _emptyIdentities = new();
    private readonly SemaphoreSlim _delivering = new(1, 1);
    private MqttServer? _server;

    public void Bind(MqttServer server)
    {
        _server = server;
        queue.Restored += Restored;
    }

    /// <summary>
    /// InterceptingPublishAsync, after the publish handler: a QoS 1/2 message with an empty payload gets a zero-length
    /// array of its own, which every copy MQTTnet makes of it shares, so it can be tracked like any other.
    /// </summary>
    public Task IdentifyingAsync(InterceptingPublishEventArgs e)
    {
        if (e.ProcessPublish && e.ApplicationMessage is { QualityOfServiceLevel: > MqttQualityOfServiceLevel.AtMostOnce } message && message.Payload.IsEmpty)
        {
            message.Payload = NewEmptyIdentity();
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// A message a resumed member gets back from the store after a restart (OfflineQueueHandler, before it is queued):
    /// when only a share of the member matches its topic, it came through that share, and is tracked as such.
    /// </summary>
    public void Restored(string clientId, MqttApplicationMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.QualityOfServiceLevel == MqttQualityOfServiceLevel.AtMostOnce || shares.ShareHolding(clientId, message.Topic) is not { } holding)
        {
            return;
        }

        Identify(message);
        if (ArrayOf(message.Payload) is { } array)
        {
            MemberOf(clientId).Add(new Held(holding.Share, message, (int)message.QualityOfServiceLevel, array));
        }
    }

    /// <summary>
    /// A client connected (after the shares' own handler) or subscribed: it may be a member of a share whose messages
    /// wait for one. Costs nothing while no message waits.
    /// </summary>
    public Task MemberMayBeAvailableAsync() => _waiting.IsEmpty ? Task.CompletedTask : DeliverWaitingAsync();

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
        e.DisconnectType == MqttClientDisconnectType.Takeover ? Task.CompletedTask : MoveAsync(e.ClientId, sessionEnded: false);

    /// <summary>
    /// The session ended: what it still holds moves if it can ("If the Client's Session terminates"), or waits with its
    /// share for a member; its record goes.
    /// </summary>
    public async Task DeletedAsync(SessionDeletedEventArgs e)
    {
        await MoveAsync(e.Id, sessionEnded: true).ConfigureAwait(false);
        _members.TryRemove(e.Id, out _);
    }

    private async Task MoveAsync(string leaver, bool sessionEnded)
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

        foreach (var held in movable)
        {
            var moved = false;
            try
            {
                moved = await TryMoveAsync(leaver, held).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "A shared message of {ClientId} could not go to another member", leaver);
            }

            if (moved)
            {
                continue;
            }

            if (sessionEnded)
            {
                // The session that held it is gone: it waits with its share for the next member.
                await WaitAsync(held).ConfigureAwait(false);
            }
            else
            {
                // Its member's session persists: it may still take it when it comes back.
                member.KeepAfterAll(held);
            }
        }
    }

    /// <summary>
    /// Keeps a message with its share until a member comes, durably first: its row goes into the store under the
    /// share's own id (<see cref="ShareQueueId"/>) before the ended session's rows are deleted (this handler runs
    /// ahead of SessionPersistenceHandler's), so a restart finds it there (<see cref="LoadWaiting"/>). The share's
    /// queue keeps at most the session queue limit, the oldest dropped, in the store as here.
    /// </summary>
    private async Task WaitAsync(Held held)
    {
        var queueId = ShareQueueId.For(held.Share);
        try
        {
            await queue.RecordAsync(queueId, held.Message, (int)held.Message.QualityOfServiceLevel).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Logged by RecordAsync; the message still waits here, in memory, for a member of this run.
        }

        Wait(queueId, held);
    }

    /// <summary>
    /// At start, before any client connects: the shares' messages that waited for a member before the restart
    /// (<see cref="OfflineQueueHandler.TakeShareQueues"/>) wait again, in order, each known by its share's store id
    /// so that its row goes when it is delivered.
    /// </summary>
    public void LoadWaiting()
    {
        foreach (var (queueId, message) in queue.TakeShareQueues(Identify))
        {
            if (ShareQueueId.TryParse(queueId, out var share) && ArrayOf(message.Payload) is { } array)
            {
                Wait(queueId, new Held(share, message, (int)message.QualityOfServiceLevel, array));
            }
        }
    }

    private void Identify(MqttApplicationMessage message)
    {
        if (message.Payload.IsEmpty)
        {
            message.Payload = NewEmptyIdentity();
        }
    }

    private void Wait(string leaver, Held held)
    {
        while (true)
        {
            var waiting = _waiting.GetOrAdd(held.Share, _ => []);
            lock (waiting)
            {
                if (!_waiting.TryGetValue(held.Share, out var current) || !ReferenceEquals(current, waiting))
                {
                    // Emptied and removed meanwhile (DeliverWaitingAsync): take the share's new list.
                    continue;
                }

                waiting.Add((leaver, held));
                if (waiting.Count > limits.MaxQueuedMessagesPerSession)
                {
                    // As a session's queue does: the oldest goes.
                    waiting.RemoveAt(0);
                }

                return;
            }
        }
    }

    /// <summary>Hands each share's waiting messages, in order, to its connected members in turn, as far as there are any.</summary>
    private async Task DeliverWaitingAsync()
    {
        if (_server is null)
        {
            return;
        }

        // One pass at a time: a pass takes a share's messages out while it tries them, so a second pass running
        // beside it (another client connecting) would find none, and a member joining meanwhile would be missed.
        await _delivering.WaitAsync().ConfigureAwait(false);
        try
        {
            await DeliverWaitingOnceAsync().ConfigureAwait(false);
        }
        finally
        {
            _delivering.Release();
        }
    }

    private async Task DeliverWaitingOnceAsync()
    {
        foreach (var (share, waiting) in _waiting)
        {
            List<(string Leaver, Held Held)> taken;
            lock (waiting)
            {
                taken = [.. waiting];
                waiting.Clear();
            }

            var kept = new List<(string Leaver, Held Held)>();
            foreach (var (leaver, held) in taken)
            {
                var moved = false;
                if (kept.Count == 0)
                {
                    try
                    {
                        moved = await TryMoveAsync(leaver, held).ConfigureAwait(false);
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException)
                    {
                        logger.LogWarning(exception, "A shared message waiting for a member of {Share} could not be delivered", share.ShareName);
                    }
                }

                if (!moved)
                {
                    // Order is kept: once one cannot go, the rest wait behind it.
                    kept.Add((leaver, held));
                }
            }

            lock (waiting)
            {
                waiting.InsertRange(0, kept);
                if (waiting.Count == 0)
                {
                    // Nothing waits for this share: connections stop asking (Wait makes a new list if needed).
                    _waiting.TryRemove(KeyValuePair.Create(share, waiting));
                }
            }
        }
    }

    private async Task<bool> TryMoveAsync(string leaver, Held held)
    {
        if (_server is null
            || shares.ConnectedMember(held.Share, except: leaver) is not { } target
            || clients.Find(target.ClientId) is not { } receiver
            || await _server.FindSessionAsync(target.ClientId).ConfigureAwait(false) is not { } session
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

    private ReadOnlySequence<byte> NewEmptyIdentity()
    {
        var identity = new byte[0];
        _emptyIdentities.AddOrUpdate(identity, identity);
        return new ReadOnlySequence<byte>(identity);
    }

    /// <summary>The array a message is known by: its payload's, or for an empty payload the zero-length one it was given.</summary>
    private byte[]? ArrayOf(ReadOnlySequence<byte> payload) =>
        MemoryMarshal.TryGetArray(payload.First, out var segment) && segment.Array is { } array
        && (!payload.IsEmpty || _emptyIdentities.TryGetValue(array, out _))
            ? array
            : null;

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
