using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nuage.IamApi.Handlers;

namespace Nuage.IamApi;

public static class IamApiServiceCollectionExtensions
{
    /// <summary>Registers the IAM/STS door: its pipeline, handlers and action table. Needs AddNuageIam.</summary>
    public static IServiceCollection AddNuageIamApi(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<UserHandler>();
        services.AddSingleton<AccessKeyHandler>();
        services.AddSingleton<GroupHandler>();
        services.AddSingleton<InlinePolicyHandler>();
        services.AddSingleton<ManagedPolicyHandler>();
        services.AddSingleton<PolicyAttachmentHandler>();
        services.AddSingleton<RoleHandler>();
        services.AddSingleton<TagHandler>();
        services.AddSingleton<PermissionsBoundaryHandler>();
        services.AddSingleton<StsHandler>();
        services.AddSingleton<IamActionTable>();
        services.TryAddSingleton<Nuage.Telemetry.RequestLogWriter>();
        services.AddSingleton<IamApiPipeline>();
        return services;
    }
}
