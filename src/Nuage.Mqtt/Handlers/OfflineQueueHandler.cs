using System.Buffers;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using MQTTnet.Server;
using Nuage.Iot.Broker;

namespace Nuage.Mqtt.Handlers;

/// <summary>
/// Queued QoS 1 and 2 messages of persistent sessions survive a restart (docs/iot.md "Persistence"). MQTTnet keeps a
/// disconnected session's queue in memory only, so while a persistent session's client is away each message MQTTnet
/// queues for it (ApplicationMessageEnqueuedOrDroppedAsync, which MQTTnet awaits inside its dispatch, before the
/// publisher's PUBACK) is also appended to the store's queue and durable before the publisher hears back. A row
/// leaves when the client acknowledges the message. After a restart, when the client resumes its session, what was
/// queued is handed to its new MQTTnet session, in order, once its subscriptions are back
/// (<see cref="SessionPersistenceHandler"/> runs first).
/// </summary>
/// <remarks>
/// QoS 0 messages are not kept (MQTT 5 §3.1.2.4 leaves them to the server), nor are in-flight messages of a connected
/// client: a message delivered but not yet acknowledged when the process dies is lost to that client.
/// </remarks>
public sealed class OfflineQueueHandler(
    QueuedMessageStore store, SessionPersistenceHandler sessions, Limits.MqttLimits limits, MessageExpiryClock expiry, TimeProvider time,
    ILogger<OfflineQueueHandler> logger)
{
    private readonly ConcurrentDictionary<string, byte> _online = new(StringComparer.Ordinal);
    private ConcurrentDictionary<string, IReadOnlyList<StoredMqttMessage>> _beforeRestart = new(StringComparer.Ordinal);
    private MqttServer? _server;

    public void Bind(MqttServer server) => _server = server;

    public async Task LoadAsync() =>
        _beforeRestart = new(await store.LoadAsync(CancellationToken.None).ConfigureAwait(false), StringComparer.Ordinal);

    public async Task EnqueuedAsync(ApplicationMessageEnqueuedEventArgs e)
    {
        var message = e.ApplicationMessage;
        if (e.IsDropped || message is null || message.QualityOfServiceLevel == MQTTnet.Protocol.MqttQualityOfServiceLevel.AtMostOnce
            || _online.ContainsKey(e.ReceiverClientId) || !sessions.Persists(e.ReceiverClientId)
            || sessions.DeliveryQos(e.ReceiverClientId, message.Topic, (int)message.QualityOfServiceLevel) is not ({ } qos and > 0))
        {
            return;
        }

        var stored = StoredMessageConversion.ToStored(message, time.GetUtcNow()) with { Qos = qos };
        try
        {
            await store.AppendAsync(e.ReceiverClientId, stored, limits.MaxQueuedMessagesPerSession, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "A message queued for {ClientId} could not be stored durably", e.ReceiverClientId);
            throw;
        }
    }

    public Task AcknowledgedAsync(ClientAcknowledgedPublishPacketEventArgs e)
    {
        if (!e.IsCompleted)
        {
            return Task.CompletedTask;
        }

        var payload = e.PublishPacket.Payload;
        return store.AcknowledgedAsync(e.ClientId, e.PublishPacket.Topic, payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray(), CancellationToken.None);
    }

    /// <summary>Runs after <see cref="SessionPersistenceHandler.ConnectedAsync"/>: the session's subscriptions are back.</summary>
    public async Task ConnectedAsync(ClientConnectedEventArgs e)
    {
        _online[e.ClientId] = 0;
        // Once: a later reconnect of the same session finds these in MQTTnet's own queue, if still unacknowledged.
        if (_server is null || !_beforeRestart.TryRemove(e.ClientId, out var queued))
        {
            return;
        }

        if (!sessions.Resumed(e.ClientId))
        {
            // A new session (clean start, or the stored one expired): the old queue went with the old session.
            store.Forget(e.ClientId);
            return;
        }

        var session = (await _server.GetSessionsAsync().ConfigureAwait(false)).FirstOrDefault(s => s.Id == e.ClientId);
        if (session is null)
        {
            return;
        }

        var now = time.GetUtcNow();
        foreach (var message in queued)
        {
            // §3.3.2.3.3: a message whose expiry passed while it waited is not delivered.
            if (message.ExpiresAt is not { } expiresAt || expiresAt > now)
            {
                var restored = StoredMessageConversion.ToApplicationMessage(message, now, retain: false);
                if (message.ExpiresAt is { } at)
                {
                    expiry.Start(restored.Payload, at);
                }

                session.TryEnqueueApplicationMessage(restored, out _);
            }
        }
    }

    public Task DisconnectedAsync(ClientDisconnectedEventArgs e)
    {
        if (e.DisconnectType != MqttClientDisconnectType.Takeover)
        {
            _online.TryRemove(e.ClientId, out _);
        }

        return Task.CompletedTask;
    }

    public Task DeletedAsync(SessionDeletedEventArgs e)
    {
        _online.TryRemove(e.Id, out _);
        store.Forget(e.Id);
        return Task.CompletedTask;
    }
}
