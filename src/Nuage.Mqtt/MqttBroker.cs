using Microsoft.Extensions.Logging;
using MQTTnet.AspNetCore;
using MQTTnet.Server;
using Nuage.Iot.Identity;
using Nuage.Mqtt.Channels;
using Nuage.Mqtt.Handlers;
using Nuage.Mqtt.Shadows;

namespace Nuage.Mqtt;

/// <summary>
/// MQTTnet's server inside the nuage process (DESIGN.md "IoT hub"), fed by two transports: Kestrel's TCP listener
/// (--mqtt-listen, through <see cref="MqttConnectionHandler"/>) and WebSocket at /mqtt on the console port. Each
/// MQTTnet event has one handler, which calls the IoT service and sets the reason code (STYLE.md §3). The Host
/// starts it before Kestrel listens and stops it after.
/// </summary>
public sealed class MqttBroker : IAsyncDisposable
{
    private readonly MqttServer _server;

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
        DeviceRevocationHandler revocation,
        Rules.RuleRepublisher ruleRepublisher)
    {
        var options = new MqttServerOptionsBuilder()
            // Sessions and retained messages live in memory in this slice (docs/iot.md "Not built yet").
            .WithPersistentSessions(false)
            .Build();
        IMqttServerAdapter[] adapters =
        [
            new AccountScopedServerAdapter(tcp, authentication),
            new AccountScopedServerAdapter(webSocket, authentication),
        ];
        _server = new MqttServerFactory().CreateMqttServer(options, adapters, new MqttLogBridge(loggers.CreateLogger("Nuage.Mqtt.Broker")));
        _server.ValidatingConnectionAsync += connect.HandleAsync;
        _server.ClientConnectedAsync += sessionEnd.MarkAsync;
        _server.SessionDeletedAsync += sessionEnd.ForgetAsync;

        // Inbound packets: the malformed-UTF-8 guard first, so no other handler sees such a packet.
        _server.InterceptingInboundPacketAsync += malformed.HandleAsync;
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
        ruleRepublisher.Bind(_server);
    }

    public Task StartAsync() => _server.StartAsync();

    public Task StopAsync() => _server.StopAsync(new MqttServerStopOptions());

    public ValueTask DisposeAsync()
    {
        _server.Dispose();
        return ValueTask.CompletedTask;
    }
}
