using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nuage.Iot.Authorization;
using Nuage.Iot.Identity;
using Nuage.Iot.Registry;

namespace Nuage.Iot;

public static class IotServiceCollectionExtensions
{
    /// <summary>Registers the IoT hub's services: the device registry, authentication and authorization of MQTT clients, device shadows. Needs AddNuageIam and a metadata store.</summary>
    public static IServiceCollection AddNuageIot(this IServiceCollection services, IotOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton<IotRegistry>();
        services.AddSingleton<IotAuthenticationService>();
        services.AddSingleton<IotAuthorizationService>();
        // Device shadows; IShadowNotifier comes from the MQTT door (AddNuageMqtt), IMetadataStore from the store.
        services.AddSingleton<Shadows.ShadowService>();
        // The broker's durable state (schema 018): retained messages and persistent sessions.
        services.AddSingleton<Broker.RetainedMessageStore>();
        services.AddSingleton<Broker.PersistentSessionStore>();
        services.AddSingleton<Broker.DelayedWillStore>();
        services.AddSingleton<Broker.QueuedMessageStore>();
        services.AddSingleton<Broker.ReceivedQos2Store>();
        // IoT rules (docs/iot-rules.md); IRuleRepublisher comes from the MQTT door, the storage services from AddNuageStorage.
        services.AddSingleton<Rules.RuleService>();
        services.AddSingleton<Rules.RuleMetrics>();
        services.AddSingleton<Nuage.Telemetry.IMetricsSource>(provider => provider.GetRequiredService<Rules.RuleMetrics>());
        services.AddSingleton<Rules.RuleFlusherSignal>();
        services.AddSingleton<Rules.RuleRouter>();
        services.AddHostedService<Rules.RuleFlusher>();
        return services;
    }
}
