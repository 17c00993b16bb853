using System.Buffers;
using System.Collections.Concurrent;
using MQTTnet;
using Microsoft.Extensions.Logging;
using MQTTnet.Server;
using Nuage.Iot.Broker;

namespace Nuage.Mqtt.Handlers;

/// <summary>
/// Queued and in-flight QoS 1 and 2 messages of persistent sessions survive a restart (docs/iot.md "Persistence").
/// MQTTnet keeps a session's queue and its sent-but-unacknowledged messages in memory only, so each QoS 1 or 2 message
/// MQTTnet is about to queue for a persistent session, its client connected or away (InterceptingClientEnqueueAsync,
/// inside MQTTnet's dispatch), is also appended to the store's queue, and the publisher's PUBACK/PUBREC is held until
/// that append is durable (<see cref="AcknowledgingAsync"/>). A row leaves when the
/// client acknowledges the message (PUBACK, or PUBCOMP for QoS 2), the deletes batched (<see cref="QueuedMessageStore"/>).
/// After a restart, when the client resumes its session, what was unacknowledged is handed to its new MQTTnet session,
/// in order, once its subscriptions are back (<see cref="SessionPersistenceHandler"/> runs first), with DUP 1: the
/// previous process may have sent it already (MQTT 5 §4.4, [MQTT-3.3.1-1]).
/// <para>
/// Between a restart and its client's return a session exists only in the store, as MQTTnet cannot hold a session
/// for a client that is not connected. So each QoS 1 or 2 message published meanwhile is matched against the stored
/// subscriptions of those waiting sessions here (<see cref="PublishedAsync"/>, inside MQTTnet's publish interception,
/// before the publisher's PUBACK) and queued for each one it matches, durably, like a message MQTTnet would queue.
/// </para>
/// </summary>
/// <remarks>
/// QoS 0 messages are not kept (MQTT 5 §3.1.2.4 leaves them to the server). A waiting session's shared subscriptions
/// take no messages while it waits: a share delivers each message to one connected member (§4.8.2).
/// </remarks>
public sealed class OfflineQueueHandler(
    QueuedMessageStore store, SessionPersistenceHandler sessions, PersistentSessionStore storedSessions, Limits.MqttLimits limits,
    MessageExpiryClock expiry, TimeProvider time, ILogger<OfflineQueueHandler> logger, ConnectedClients clients, Outbound.OutboundExchanges exchanges,
    Shared.SharedSubscriptions connections)
{
    /// <summary>Per publishing client and PUBLISH: the appends its PUBACK or PUBREC waits for (<see cref="AcknowledgingAsync"/>).</summary>
    private readonly HeldAcknowledgements _held = new();

    // What each session from before the restart has waiting for its client, with the packet identifier of the PUBREC of
    // each QoS 2 message its client had answered so (schema 028). A queue stays, empty, once handed over, until its
    // session ends: MQTTnet may still be dispatching a message queued in it (ResumingSessionQueue.QueuedHere).
    private readonly ConcurrentDictionary<string, ResumingSessionQueue> _resuming = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, List<StoredMqttMessage>> _shareQueues = new(StringComparer.Ordinal);
    private MqttServer? _server;

    /// <summary>
    /// Told of each message handed back to a resumed session after a restart, before it is queued (the shared
    /// subscriptions track the ones that came through a share, Shared/SharedMessageRedelivery).
    /// </summary>
    public event Action<string, MqttApplicationMessage>? Restored;

    public void Bind(MqttServer server)
    {
        _server = server;
        store.DeleteFailed += exception => logger.LogError(exception, "Acknowledged messages could not be deleted from the store, or QoS 1 packet identifiers recorded; they may be delivered again after a restart, under new identifiers");
    }

    public async Task LoadAsync()
    {
        _resuming.Clear();
        _shareQueues.Clear();
        foreach (var (clientId, queued) in await store.LoadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            if (Shared.ShareQueueId.IsShareQueue(clientId))
            {
                // Not a session: the messages of a share that waited for a member (Shared/SharedMessageRedelivery).
                _shareQueues[clientId] = [.. queued.Select(entry => entry.Message)];
                continue;
            }

            _resuming[clientId] = new ResumingSessionQueue(queued);
        }
    }

    /// <summary>
    /// Once, after <see cref="LoadAsync"/>: the shares' waiting messages from before the restart, by store id, in
    /// order, as messages to deliver; one whose expiry passed meanwhile is left out (§3.3.2.3.3) and its row deleted.
    /// <paramref name="identifying"/> sees each message before its expiry clock starts (it may give an empty payload
    /// an array of its own).
    /// </summary>
    public IReadOnlyList<(string QueueId, MqttApplicationMessage Message)> TakeShareQueues(Action<MqttApplicationMessage> identifying)
    {
        ArgumentNullException.ThrowIfNull(identifying);
        var now = time.GetUtcNow();
        var taken = new List<(string, MqttApplicationMessage)>();
        foreach (var (queueId, messages) in _shareQueues)
        {
            foreach (var stored in messages)
            {
                var message = StoredMessageConversion.ToApplicationMessage(stored, now, retain: false);
                if (stored.ExpiresAt <= now)
                {
                    Forget(queueId, message.Topic, message.Payload);
                    continue;
                }

                identifying(message);
                if (stored.ExpiresAt is { } at)
                {
                    expiry.Start(message.Payload, at);
                }

                taken.Add((queueId, message));
            }
        }

        _shareQueues.Clear();
        return taken;
    }

    /// <summary>
    /// InterceptingPublishAsync, after the publish handler authorized the message: queues a QoS 1 or 2 message for
    /// every session from before the restart whose client has not come back and whose stored subscriptions match it,
    /// at the highest QoS they were granted, capped by the message's own (§3.8.4, §4.3). MQTTnet awaits this before it
    /// answers the publisher, so an acknowledged message is durable for them.
    /// </summary>
    public async Task PublishedAsync(InterceptingPublishEventArgs e)
    {
        var message = e.ApplicationMessage;
        if (!e.ProcessPublish || message is null || message.QualityOfServiceLevel == MQTTnet.Protocol.MqttQualityOfServiceLevel.AtMostOnce)
        {
            return;
        }

        DateTimeOffset? now = null;
        foreach (var (clientId, subscriptions) in storedSessions.Waiting())
        {
            var granted = -1;
            foreach (var subscription in subscriptions)
            {
                if (subscription.Qos > granted && !Nuage.Iot.Topics.SharedFilter.TryParse(subscription.TopicFilter, out _)
                    && MQTTnet.MqttTopicFilterComparer.Compare(message.Topic, subscription.TopicFilter) == MQTTnet.MqttTopicFilterCompareResult.IsMatch)
                {
                    granted = subscription.Qos;
                }
            }

            if (granted <= 0)
            {
                continue;
            }

            now ??= time.GetUtcNow();
            var stored = StoredMessageConversion.ToStored(message, now.Value) with { Qos = Math.Min(granted, (int)message.QualityOfServiceLevel) };
            var pending = _resuming.GetOrAdd(clientId, _ => new ResumingSessionQueue([]));
            // The client may have had its messages handed over this very moment: then MQTTnet delivers this one itself.
            if (!pending.TryAdd(stored, message, () => storedSessions.IsRestorable(clientId)))
            {
                continue;
            }

            await store.AppendAsync(clientId, stored, limits.MaxQueuedMessagesPerSession, QueuedAppendTiming.Prompt, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// InterceptingClientEnqueueAsync, after <see cref="DeliveryHandler"/> accepted the receiver: a QoS 1 or 2 message
    /// for a persistent session is durable in its queue before MQTTnet queues it, whether its client is connected or
    /// not, so neither a message waiting in MQTTnet's queue nor one sent and not yet acknowledged is lost to a crash.
    /// </summary>
    public async Task DeliveringAsync(InterceptingClientApplicationMessageEnqueueEventArgs e)
    {
        var message = e.ApplicationMessage;
        if (!e.AcceptEnqueue || message is null || message.QualityOfServiceLevel == MQTTnet.Protocol.MqttQualityOfServiceLevel.AtMostOnce)
        {
            return;
        }

        // Before the checks below: MQTTnet adds a rebuilt subscription before it raises the event that records its QoS.
        if (!_resuming.IsEmpty && _resuming.TryGetValue(e.ReceiverClientId, out var resuming) && resuming.QueuedHere(message))
        {
            // Published while the session's subscriptions were being rebuilt after a restart, and queued for it then
            // (stored already): it reaches the client with the others queued, in order, not a second time from here.
            e.AcceptEnqueue = false;
            return;
        }

        if (!sessions.Persists(e.ReceiverClientId)
            || sessions.DeliveryQos(e.ReceiverClientId, message.Topic, (int)message.QualityOfServiceLevel) is not ({ } qos and > 0))
        {
            return;
        }

        if (clients.Find(e.SenderClientId) is null)
        {
            // Published by the broker itself (shadows, rules, events, wills): no PUBACK to hold back, so wait here.
            await RecordAsync(e.ReceiverClientId, message, qos).ConfigureAwait(false);
            return;
        }

        // Nothing waits on it in line but the held PUBACK, so its commit may wait a little for more messages; and a
        // QoS 1 message to a connected client may need no row at all, when the client acknowledges it first.
        var timing = connections.IsConnected(e.ReceiverClientId) ? QueuedAppendTiming.Deferred : QueuedAppendTiming.Gathered;
        var append = RecordAsync(e.ReceiverClientId, message, qos, timing);

        // MQTTnet reads one connection's packets one at a time and dispatches each PUBLISH before reading the next, so
        // awaiting the append here would give a publisher one commit per message, whatever its window. The publisher's
        // PUBACK/PUBREC waits for it instead (AcknowledgingAsync, in the connection's send loop): meanwhile the next
        // PUBLISHes are read and their appends join the same group commit.
        _held.Hold(e.SenderClientId, append);
    }

    /// <summary>
    /// InterceptingInboundPacketAsync: a QoS 1 or 2 PUBLISH is about to be dispatched; the appends its dispatch makes
    /// are held for its own acknowledgement (<see cref="HeldAcknowledgements"/>).
    /// </summary>
    public Task InboundAsync(InterceptingPacketEventArgs e)
    {
        if (e.Packet is MQTTnet.Packets.MqttPublishPacket { QualityOfServiceLevel: not MQTTnet.Protocol.MqttQualityOfServiceLevel.AtMostOnce } publish)
        {
            _held.Reading(e.ClientId, publish.PacketIdentifier);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// InterceptingOutboundPacketAsync: a PUBACK or PUBREC to a publisher leaves only once the message it answers is
    /// durable for the persistent sessions it was queued for; it does not wait for messages the publisher sent after
    /// it. If the message could not be stored, the acknowledgement is not sent: the publisher has no PUBACK for a
    /// message that is not safe, and sends it again when it reconnects (MQTT 5 §4.4).
    /// </summary>
    public async Task AcknowledgingAsync(InterceptingPacketEventArgs e)
    {
        var pending = e.Packet switch
        {
            MQTTnet.Packets.MqttPubAckPacket ack => _held.Take(e.ClientId, ack.PacketIdentifier),
            MQTTnet.Packets.MqttPubRecPacket received => _held.Take(e.ClientId, received.PacketIdentifier),
            _ => null,
        };
        if (pending is null)
        {
            return;
        }

        try
        {
            await pending.ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // RecordAsync logged it.
            e.ProcessPacket = false;
        }
    }

    /// <summary>Appends a message for a persistent session, durably (also a shared message moved to another member).</summary>
    public async Task RecordAsync(string clientId, MqttApplicationMessage message, int qos, QueuedAppendTiming timing = QueuedAppendTiming.Prompt)
    {
        ArgumentNullException.ThrowIfNull(message);
        var stored = StoredMessageConversion.ToStored(message, time.GetUtcNow()) with { Qos = qos };
        try
        {
            await store.AppendAsync(clientId, stored, limits.MaxQueuedMessagesPerSession, timing, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "A message queued for {ClientId} could not be stored durably", clientId);
            throw;
        }
    }

    /// <summary>
    /// The client answered a QoS 2 message with PUBREC under <paramref name="wireId"/> (Outbound/OutboundExchanges asks
    /// it): for a persistent session its stored row is marked released before the PUBREL leaves, so a restart sends
    /// the PUBREL again under that identifier and never the message (MQTT 5 §4.4; schema 028).
    /// </summary>
    public async Task ReleasedAsync(string clientId, MQTTnet.Packets.MqttPublishPacket publish, ushort wireId)
    {
        ArgumentNullException.ThrowIfNull(publish);
        if (!sessions.Persists(clientId))
        {
            return;
        }

        var payload = publish.Payload;
        try
        {
            await store.ReleasedAsync(clientId, publish.Topic, payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray(), wireId).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "The PUBREC of a message queued for {ClientId} could not be stored; its PUBREL waits for the next resume", clientId);
            throw;
        }
    }

    /// <summary>
    /// A QoS 1 or 2 message leaves for the client for the first time under <paramref name="wireId"/>
    /// (Outbound/OutboundExchanges asks it): for a persistent session its stored row records the identifier, so a
    /// restart sends it again under that identifier (MQTT 5 §4.4 [MQTT-4.4.0-1]; schema 029). A QoS 2 PUBLISH waits
    /// for that commit (a client that had it must know it for the same message, or deliver it twice); a QoS 1 one does
    /// not, the identifier going with the next commit (QueuedMessageStore.SentLater), since a commit per message would
    /// cost every subscriber and a repeat under a new identifier is allowed at QoS 1 (§4.3.2).
    /// </summary>
    public async Task SentAsync(string clientId, MQTTnet.Packets.MqttPublishPacket publish, ushort wireId)
    {
        ArgumentNullException.ThrowIfNull(publish);
        if (publish.QualityOfServiceLevel == MQTTnet.Protocol.MqttQualityOfServiceLevel.AtMostOnce || !sessions.Persists(clientId))
        {
            return;
        }

        var payload = publish.Payload;
        if (publish.QualityOfServiceLevel == MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce)
        {
            store.SentLater(clientId, publish.Topic, payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray(), wireId);
            return;
        }

        try
        {
            await store.SentAsync(clientId, publish.Topic, payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray(), wireId).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "The packet identifier of a message queued for {ClientId} could not be stored; a restart sends it under a new one", clientId);
            throw;
        }
    }

    public Task AcknowledgedAsync(ClientAcknowledgedPublishPacketEventArgs e)
    {
        if (e.IsCompleted)
        {
            Forget(e.ClientId, e.PublishPacket.Topic, e.PublishPacket.Payload);
        }

        return Task.CompletedTask;
    }

    /// <summary>The message left the session (acknowledged, or moved to another member of its share): its row goes.</summary>
    public void Forget(string clientId, string brokerTopic, ReadOnlySequence<byte> payload) =>
        store.Acknowledged(clientId, brokerTopic, payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray());

    /// <summary>A graceful stop: the acknowledgements received are durable before the process ends.</summary>
    public Task DrainAsync() => store.DrainAsync();

    /// <summary>Runs after <see cref="SessionPersistenceHandler.ConnectedAsync"/>: the session's subscriptions are back.</summary>
    public async Task ConnectedAsync(ClientConnectedEventArgs e)
    {
        // Once: a later reconnect of the same session finds these in MQTTnet's own queue, if still unacknowledged. A
        // session still waiting gets its queue made here if none exists, so that a message PublishedAsync queues for it
        // at this moment is either in the hand-over or not queued at all (the queue's lock orders the two).
        ResumingSessionQueue? queued;
        if (storedSessions.IsRestorable(e.ClientId))
        {
            queued = _resuming.GetOrAdd(e.ClientId, _ => new ResumingSessionQueue([]));
        }
        else if (!_resuming.TryGetValue(e.ClientId, out queued))
        {
            storedSessions.EndWaiting(e.ClientId);
            return;
        }

        if (!sessions.Resumed(e.ClientId))
        {
            // A new session (clean start, or the stored one expired): the old queue went with the old session.
            _resuming.TryRemove(e.ClientId, out _);
            store.Forget(e.ClientId);
            return;
        }

        // The newest ones beyond the limit were dropped from the store (EnqueueMqttMessage keeps the newest).
        var handed = queued.HandOver(limits.MaxQueuedMessagesPerSession, () => storedSessions.EndWaiting(e.ClientId));
        var session = handed.Count == 0 || _server is null
            ? null
            : await _server.FindSessionAsync(e.ClientId).ConfigureAwait(false);
        if (session is null)
        {
            // Nothing to give, or gone again already (the messages stay in the store for the next restart).
            return;
        }

        var now = time.GetUtcNow();

        foreach (var (message, releasedPacketId, sentPacketId) in handed)
        {
            if (releasedPacketId is { } wireId)
            {
                // §4.4: the client had answered it with PUBREC before the restart: what it gets again is the PUBREL,
                // under that identifier (the outbound topic handler sends it in the PUBLISH's place; its expiry no
                // longer matters, the message is the client's). MQTTnet sends nothing before this handler returns.
                var released = StoredMessageConversion.ToApplicationMessage(message, now, retain: false);
                if (session.TryEnqueueApplicationMessage(released, out var enqueued))
                {
                    exchanges.Restore(e.ClientId, enqueued.PacketIdentifier, wireId, released: true);
                }

                continue;
            }

            // §3.3.2.3.3: a message whose expiry passed while it waited is not delivered.
            if (message.ExpiresAt is not { } expiresAt || expiresAt > now)
            {
                var restored = StoredMessageConversion.ToApplicationMessage(message, now, retain: false);
                // §4.4: a message the previous process may have sent is sent again with DUP 1 ([MQTT-3.3.1-1]); the
                // store does not know whether it got that far, so every resent one says it may be a repeat.
                restored.Dup = true;
                if (message.ExpiresAt is { } at)
                {
                    expiry.Start(restored.Payload, at);
                }

                Restored?.Invoke(e.ClientId, restored);
                if (session.TryEnqueueApplicationMessage(restored, out var enqueued) && sentPacketId is { } sentId)
                {
                    // §4.4: it left under that identifier before the restart (schema 029) and may have reached the
                    // client; it goes again under the same one, so the client knows it for the message it has.
                    exchanges.Restore(e.ClientId, enqueued.PacketIdentifier, sentId, released: false);
                }
            }
        }
    }

    public Task DeletedAsync(SessionDeletedEventArgs e)
    {
        _resuming.TryRemove(e.Id, out _);
        store.Forget(e.Id);
        _held.Forget(e.Id);
        return Task.CompletedTask;
    }
}
