using Microsoft.Extensions.Logging;
using MQTTnet.AspNetCore;
using MQTTnet.Protocol;
using MQTTnet.Server;
using Nuage.Iot.Identity;
using Nuage.Mqtt.Channels;
using Nuage.Mqtt.Handlers;
using Nuage.Mqtt.Shadows;

namespace Nuage.Mqtt;

/// <summary>
/// MQTTnet's server inside the nuage process (DESIGN.md "IoT hub"), fed by two transports: Kestrel's TCP listeners
/// (--mqtt-listen, and --mqtt-tls-listen with TLS in front, <see cref="MqttTlsListener"/>; both through
/// <see cref="MqttConnectionHandler"/>) and WebSocket at /mqtt on the console port. Each
/// MQTTnet event has one handler, which calls the IoT service and sets the reason code (STYLE.md §3). The Host
/// starts it before Kestrel listens and stops it after.
/// </summary>
public sealed class MqttBroker : IAsyncDisposable
{
    private readonly MqttServer _server;
    private readonly SessionPersistenceHandler _sessions;
    private readonly OfflineQueueHandler _offlineQueue;
    private readonly Shared.SharedMessageRedelivery _shareRedelivery;
    private readonly Wills.DelayedWills _delayedWills;
    private readonly ReceivedQos2Handler _receivedQos2;
    private readonly RevokedCredentialHandler _revocation;

    public MqttBroker(
        MqttConnectionHandler tcp,
        MqttWebSocketServerAdapter webSocket,
        IotAuthenticationService authentication,
        ConnectHandler connect,
        SessionEndHandler sessionEnd,
        PublishHandler publish,
        SubscribeHandler subscribe,
        UnsubscribeHandler unsubscribe,
        MalformedPacketGuard malformed,
        DeliveryHandler delivery,
        OutboundTopicHandler outbound,
        ShadowPublisher shadowPublisher,
        Notifications.StorageEventPublisher eventPublisher,
        ILoggerFactory loggers,
        RevokedCredentialHandler revocation,
        RetainedMessageHandler retained,
        Limits.MqttLimits limits,
        SessionPersistenceHandler sessions,
        Rules.RuleRepublisher ruleRepublisher,
        Shared.SharedSubscriptionHandler shared,
        OfflineQueueHandler offlineQueue,
        Wills.DelayedWills delayedWills,
        Wills.TakeoverWills takeoverWills,
        Shared.SharedMessageRedelivery shareRedelivery,
        Limits.SubscriberBackpressure backpressure,
        ReceivedQos2Handler receivedQos2,
        Outbound.OutboundExchanges exchanges,
        SessionExpiryHandler sessionExpiry,
        SubscriptionIdentifiers subscriptionIdentifiers)
    {
        var options = new MqttServerOptionsBuilder()
            // Sessions that ask to outlive their connection do, and survive a restart through SessionPersistenceHandler.
            .WithPersistentSessions(true)
            // Queued messages per session (docs/iot.md "Limits"): past the limit the oldest queued one is dropped, so
            // a slow or absent subscriber never holds the broker's memory, and the newest state reaches it.
            .WithMaxPendingMessagesPerClient(limits.MaxQueuedMessagesPerSession)
            .WithPendingMessagesOverflowStrategy(MqttPendingMessagesOverflowStrategy.DropOldestQueuedMessage)
            .Build();
        IMqttServerAdapter[] adapters =
        [
            new AccountScopedServerAdapter(tcp, authentication, limits, receivedQos2, exchanges),
            new AccountScopedServerAdapter(webSocket, authentication, limits, receivedQos2, exchanges),
        ];
        _server = new MqttServerFactory().CreateMqttServer(options, adapters, new MqttLogBridge(loggers.CreateLogger("Nuage.Mqtt.Broker")));
        _server.ValidatingConnectionAsync += connect.HandleAsync;

        // A client reconnecting at once waits for its previous connection's end (MQTTnet deletes sessions by id).
        var reconnects = new ReconnectOrderHandler();
        _server.ValidatingConnectionAsync += reconnects.ValidatingAsync;
        _server.ClientConnectedAsync += reconnects.ConnectedAsync;
        _server.InterceptingInboundPacketAsync += reconnects.InboundAsync;
        _server.ClientDisconnectedAsync += reconnects.DisconnectedAsync;
        // A connection taken over keeps its send loop off the messages put back for its successor: first outbound
        // interceptor (it holds that loop), last validator (below).
        var takeover = new TakeoverSendLoopHold(reconnects, limits.MaxQueuedMessagesPerSession);
        takeover.Bind(_server);
        _server.InterceptingOutboundPacketAsync += takeover.SendingAsync;
        _server.ClientConnectedAsync += takeover.ConnectedAsync;
        _server.ClientConnectedAsync += sessionEnd.MarkAsync;
        _server.SessionDeletedAsync += sessionEnd.ForgetAsync;

        // Inbound packets: the malformed-UTF-8 guard first, so no other handler sees such a packet.
        _server.InterceptingInboundPacketAsync += malformed.HandleAsync;
        _server.InterceptingInboundPacketAsync += shared.MarkAsync;
        _server.InterceptingInboundPacketAsync += unsubscribe.RewriteAsync;
        _server.InterceptingUnsubscriptionAsync += unsubscribe.AnswerAsync;
        _server.InterceptingPublishAsync += publish.HandleAsync;
        _server.InterceptingSubscriptionAsync += subscribe.HandleAsync;
        _server.InterceptingClientEnqueueAsync += delivery.HandleAsync;
        _server.InterceptingOutboundPacketAsync += outbound.HandleAsync;
        malformed.Bind(_server.DisconnectClientAsync);
        shadowPublisher.Bind(_server);
        eventPublisher.Bind(_server);
        revocation.Bind(_server.DisconnectClientAsync);
        _revocation = revocation;

        // Durable broker state (docs/iot.md "Persistence"): retained messages in the metadata store.
        _server.LoadingRetainedMessageAsync += retained.LoadAsync;
        _server.RetainedMessageChangedAsync += retained.ChangedAsync;
        _server.RetainedMessagesClearedAsync += retained.ClearedAsync;
        _sessions = sessions;
        // Before the stored session and its queue are deleted: a share member's messages that no member can take
        // are stored under their share first (Shared/SharedMessageRedelivery.WaitAsync), so none is lost in between.
        _server.SessionDeletedAsync += shareRedelivery.DeletedAsync;
        _server.InterceptingInboundPacketAsync += subscriptionIdentifiers.InboundAsync;
        _server.ValidatingConnectionAsync += sessions.ValidatedAsync;
        _server.InterceptingOutboundPacketAsync += sessions.MarkSessionPresentAsync;
        _server.ClientConnectedAsync += sessions.ConnectedAsync;
        _server.ClientSubscribedTopicAsync += sessions.SubscribedAsync;
        _server.ClientUnsubscribedTopicAsync += sessions.UnsubscribedAsync;
        _server.ClientDisconnectedAsync += sessions.DisconnectedAsync;
        _server.SessionDeletedAsync += sessions.DeletedAsync;
        _server.ValidatingConnectionAsync += sessionExpiry.ValidatedAsync;
        _server.ClientConnectedAsync += sessionExpiry.ConnectedAsync;
        _server.InterceptingInboundPacketAsync += sessionExpiry.InboundAsync;
        _server.ClientDisconnectedAsync += sessionExpiry.DisconnectedAsync;
        // After every validator that may refuse the CONNECT.
        _server.ValidatingConnectionAsync += takeoverWills.ValidatedAsync;
        _server.ValidatingConnectionAsync += takeover.ValidatedAsync;
        sessions.Bind(_server);
        ruleRepublisher.Bind(_server);

        // Queued messages of absent persistent sessions, durable (after the session handlers above, which restore
        // the subscriptions the queued messages are for).
        _offlineQueue = offlineQueue;
        _server.InterceptingInboundPacketAsync += offlineQueue.InboundAsync;
        _server.InterceptingClientEnqueueAsync += offlineQueue.DeliveringAsync;
        _server.InterceptingOutboundPacketAsync += offlineQueue.AcknowledgingAsync;
        _server.InterceptingPublishAsync += offlineQueue.PublishedAsync;
        _server.ClientAcknowledgedPublishPacketAsync += offlineQueue.AcknowledgedAsync;
        _server.ClientConnectedAsync += offlineQueue.ConnectedAsync;
        _server.SessionDeletedAsync += offlineQueue.DeletedAsync;
        offlineQueue.Bind(_server);

        // Wills with a Will Delay Interval, which MQTTnet would send at once, and wills of connections taken over, which
        // it never sends (docs/iot.md "Wills").
        _server.ClientDisconnectedAsync += delayedWills.DisconnectedAsync;
        _server.InterceptingInboundPacketAsync += takeoverWills.InboundAsync;
        _server.ClientDisconnectedAsync += takeoverWills.DisconnectedAsync;
        delayedWills.Bind(_server);
        _delayedWills = delayedWills;

        // Shared subscriptions (docs/iot.md "Shared subscriptions"), which MQTTnet 5 does not offer itself.
        _server.InterceptingOutboundPacketAsync += shared.AnnounceAsync;
        _server.ClientConnectedAsync += shared.ConnectedAsync;
        _server.ClientDisconnectedAsync += shared.DisconnectedAsync;
        _server.SessionDeletedAsync += shared.DeletedAsync;

        // A share member's unacknowledged messages go to another member when its connection is lost (§4.8.2).
        _server.InterceptingClientEnqueueAsync += shareRedelivery.DeliveringAsync;
        _server.InterceptingOutboundPacketAsync += shareRedelivery.SendingAsync;
        _server.InterceptingInboundPacketAsync += shareRedelivery.ReceivingAsync;
        _server.ClientAcknowledgedPublishPacketAsync += shareRedelivery.AcknowledgedAsync;
        _server.ClientDisconnectedAsync += shareRedelivery.DisconnectedAsync;
        // An empty payload gets an identity; messages of ended sessions that wait for a member go to the next one.
        _server.InterceptingPublishAsync += shareRedelivery.IdentifyingAsync;
        _server.ClientConnectedAsync += _ => shareRedelivery.MemberMayBeAvailableAsync();
        _server.ClientSubscribedTopicAsync += _ => shareRedelivery.MemberMayBeAvailableAsync();
        shareRedelivery.Bind(_server);
        _shareRedelivery = shareRedelivery;

        // Last in the enqueue hook, once every handler above has accepted the delivery: a publisher waits while the
        // receiver's queue is at its high mark instead of the queue dropping (docs/iot.md "Back-pressure").
        _server.InterceptingClientEnqueueAsync += backpressure.DeliveringAsync;
        _server.ClientConnectedAsync += backpressure.ConnectedAsync;
        _server.SessionDeletedAsync += backpressure.DeletedAsync;
        backpressure.Bind(_server);

        // QoS 2 from clients exactly once, across reconnects and restarts (the channel asks it; §4.3.3).
        _receivedQos2 = receivedQos2;
        _server.ClientConnectedAsync += receivedQos2.ConnectedAsync;
        _server.SessionDeletedAsync += receivedQos2.DeletedAsync;

        // QoS 1/2 messages sent again to a resumed session keep their packet identifier, and a released QoS 2 one
        // goes as PUBREL (§4.4; the channel and the outbound topic handler ask it).
        _server.ClientConnectedAsync += exchanges.ConnectedAsync;
        exchanges.Releasing = offlineQueue.ReleasedAsync;
        exchanges.FirstSending = offlineQueue.SentAsync;
        _server.SessionDeletedAsync += exchanges.DeletedAsync;
    }

    public async Task StartAsync()
    {
        // The stored sessions are read before the first CONNECT can arrive.
        await _sessions.LoadAsync().ConfigureAwait(false);
        await _offlineQueue.LoadAsync().ConfigureAwait(false);
        _shareRedelivery.LoadWaiting();
        await _receivedQos2.LoadAsync().ConfigureAwait(false);
        await _server.StartAsync().ConfigureAwait(false);
        _revocation.Start();
        // Delayed wills of the previous run, once the server can publish them (no client can connect yet).
        await _delayedWills.LoadAsync().ConfigureAwait(false);
    }

    public async Task StopAsync()
    {
        await _revocation.StopAsync().ConfigureAwait(false);

        // Every client is told first, all at once: MQTT 5 clients get DISCONNECT 0x8B Server shutting down (§3.14.2.1),
        // each waiting for its client's close, at most a second (Channels/ServerDisconnectDelivery). MQTTnet's own stop
        // sends the same DISCONNECT one client after the other, so clients that keep their end open would hold it a
        // second each; it then closes whatever connected meanwhile.
        var connected = await _server.GetClientsAsync().ConfigureAwait(false);
        await Task.WhenAll(connected.Select(client => TellShuttingDownAsync(client.Id))).ConfigureAwait(false);
        await _server.StopAsync(new MqttServerStopOptions()).ConfigureAwait(false);
        // The acknowledgements received are durable before the process ends: a clean stop delivers none again.
        await _offlineQueue.DrainAsync().ConfigureAwait(false);
    }

    private async Task TellShuttingDownAsync(string clientId)
    {
        try
        {
            await _server.DisconnectClientAsync(clientId, new MqttServerClientDisconnectOptions { ReasonCode = MqttDisconnectReasonCode.ServerShuttingDown })
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
        {
            // It left meanwhile.
        }
    }

    public ValueTask DisposeAsync()
    {
        _server.Dispose();
        return ValueTask.CompletedTask;
    }
}
