using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nuage.Admin.Handlers;
using Nuage.Admin.Health;
using Nuage.Admin.Routing;

namespace Nuage.Admin;

public static class AdminServiceCollectionExtensions
{
    /// <summary>
    /// Registers the console port's door: the admin API pipeline, its handlers and router, and readiness. Needs the
    /// IAM services (AddNuageIam). Register it after AddNuageStorage and AddNuageIam: readiness is marked by a hosted
    /// service that must start after theirs (see <see cref="ReadinessHostedService"/>).
    /// </summary>
    public static IServiceCollection AddNuageAdmin(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ServiceReadiness>();
        services.TryAddSingleton<Nuage.Telemetry.NuageMetrics>();
        services.TryAddSingleton<Nuage.Telemetry.RequestLogWriter>();
        services.AddHostedService<ReadinessHostedService>();
        services.AddSingleton<AccountHandler>();
        services.AddSingleton<AccessKeyHandler>();
        services.AddSingleton<UserHandler>();
        services.AddSingleton<GroupHandler>();
        services.AddSingleton<RoleHandler>();
        services.AddSingleton<ManagedPolicyHandler>();
        services.AddSingleton<InlinePolicyHandler>();
        services.AddSingleton<AccountPublicAccessBlockHandler>();
        services.AddSingleton<KmsKeyHandler>();
        services.AddSingleton<AccountUsageHandler>();
        services.AddSingleton<RegionsHandler>();
        services.AddSingleton<FederationBucketsHandler>();
        services.AddSingleton<FederationIdentitiesHandler>();
        services.AddSingleton<FederationReplicasHandler>();
        services.AddSingleton<IotThingHandler>();
        services.AddSingleton<IotCredentialHandler>();
        services.AddSingleton<IotThingGroupHandler>();
        services.AddSingleton<IotPolicyHandler>();
        services.AddSingleton<IotRuleHandler>();
        services.AddSingleton(sp => new AdminRouter([.. AdminRoutes.Create(
            sp.GetRequiredService<AccountHandler>(),
            sp.GetRequiredService<AccessKeyHandler>(),
            sp.GetRequiredService<UserHandler>(),
            sp.GetRequiredService<GroupHandler>(),
            sp.GetRequiredService<RoleHandler>(),
            sp.GetRequiredService<ManagedPolicyHandler>(),
            sp.GetRequiredService<InlinePolicyHandler>(),
            sp.GetRequiredService<AccountPublicAccessBlockHandler>(),
            sp.GetRequiredService<KmsKeyHandler>(),
            sp.GetRequiredService<AccountUsageHandler>(),
            sp.GetRequiredService<RegionsHandler>()),
            .. IotAdminRoutes.Create(
                sp.GetRequiredService<Nuage.Iot.Registry.IotRegistry>(),
                sp.GetRequiredService<IotThingHandler>(),
                sp.GetRequiredService<IotCredentialHandler>(),
                sp.GetRequiredService<IotThingGroupHandler>(),
                sp.GetRequiredService<IotPolicyHandler>(),
                sp.GetRequiredService<IotRuleHandler>()),
            .. FederationAdminRoutes.Create(
                sp.GetRequiredService<FederationBucketsHandler>(), sp.GetRequiredService<FederationIdentitiesHandler>(),
                sp.GetRequiredService<FederationReplicasHandler>())]));
        services.AddSingleton<AdminRequestPipeline>();
        return services;
    }
}
