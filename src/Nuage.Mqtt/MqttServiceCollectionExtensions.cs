using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet.AspNetCore;
using Nuage.Iot.Shadows;
using Nuage.Mqtt.Handlers;
using Nuage.Mqtt.Limits;
using Nuage.Mqtt.Shadows;

namespace Nuage.Mqtt;

public static class MqttServiceCollectionExtensions
{
    /// <summary>
    /// Registers the MQTT door: MQTTnet's two transports, the handlers of its events and the broker. Needs AddNuageIot.
    /// The Host adds the TCP listener with <see cref="UseNuageMqtt"/>, maps <see cref="MqttWebSocketEndpoint"/> on the
    /// console port, and starts <see cref="MqttBroker"/> before Kestrel.
    /// </summary>
    public static IServiceCollection AddNuageMqtt(this IServiceCollection services, Limits.MqttLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(limits ?? new Limits.MqttLimits());
        services.AddSingleton<Limits.ConnectionRateLimiter>();
        services.AddSingleton<MqttConnectionHandler>();
        services.AddSingleton<MqttWebSocketServerAdapter>();
        services.AddSingleton<MqttWebSocketEndpoint>();
        services.AddSingleton<ConnectedClients>();
        services.AddSingleton<MessageExpiryClock>();
        services.AddSingleton<ConnectHandler>();
        services.AddSingleton<SessionEndHandler>();
        services.AddSingleton<PublishHandler>();
        services.AddSingleton<SubscribeHandler>();
        services.AddSingleton<UnsubscribeHandler>();
        services.AddSingleton<MalformedPacketGuard>();
        services.AddSingleton<DeliveryHandler>();
        services.AddSingleton<OutboundTopicHandler>();
        services.AddSingleton<Outbound.OutboundExchanges>();
        services.AddSingleton<ShadowRequestHandler>();
        services.AddSingleton<ShadowPublisher>();
        services.AddSingleton<Notifications.StorageEventPublisher>();
        services.AddSingleton<Nuage.Storage.Notifications.IEventPublisher>(provider => provider.GetRequiredService<Notifications.StorageEventPublisher>());
        services.AddSingleton<IShadowNotifier>(provider => provider.GetRequiredService<ShadowPublisher>());
        services.AddSingleton<RevokedCredentialHandler>();
        services.AddSingleton<RetainedMessageHandler>();
        services.AddSingleton<SessionPersistenceHandler>();
        services.AddSingleton<SubscriptionIdentifiers>();
        services.AddSingleton<SessionExpiryHandler>();
        services.AddSingleton<Rules.RuleRepublisher>();
        services.AddSingleton<Nuage.Iot.Rules.IRuleRepublisher>(provider => provider.GetRequiredService<Rules.RuleRepublisher>());
        services.AddSingleton<Shared.SharedSubscriptions>();
        services.AddSingleton<Shared.SharedSubscriptionHandler>();
        services.AddSingleton<OfflineQueueHandler>();
        services.AddSingleton<ReceivedQos2Handler>();
        services.AddSingleton<Wills.DelayedWills>();
        services.AddSingleton<Wills.TakeoverWills>();
        services.AddSingleton<Shared.SharedMessageRedelivery>();
        services.AddSingleton<Limits.SubscriberBackpressure>();
        services.AddSingleton<MqttBroker>();
        return services;
    }

    /// <summary>Makes a Kestrel listener speak MQTT over plain TCP (no HTTP) to the broker.</summary>
    public static ListenOptions UseNuageMqtt(this ListenOptions listen)
    {
        ArgumentNullException.ThrowIfNull(listen);
        listen.UseNagle();
        listen.UsePacketSizeLimit(listen.ApplicationServices.GetRequiredService<MqttLimits>().MaxPacketSize);
        listen.UseConnectionHandler<MqttConnectionHandler>();
        return listen;
    }
}
