using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nuage.Iam.Authorization;
using Nuage.Iam.Identities;
using Nuage.Iam.Management;
using Nuage.Iam.Secrets;
using Nuage.Iam.Sessions;

namespace Nuage.Iam;

public static class IamServiceCollectionExtensions
{
    /// <summary>
    /// Registers the identity layer: <see cref="RootCredentials"/> (from the environment or
    /// <c>&lt;dataDirectory&gt;/root-credentials</c>), the sealing key (<c>identity.key</c>), the identity registry
    /// loaded from the metadata store at start, the management services, the credential resolver and the
    /// authorizer. Needs an <see cref="Metadata.IMetadataStore"/>. The Host resolves <see cref="RootCredentials"/>
    /// at start, so a bad configuration fails before listening, and prints the keys when they were just generated.
    /// </summary>
    public static IServiceCollection AddNuageIam(this IServiceCollection services, Func<IServiceProvider, string> dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(dataDirectory);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => RootCredentials.LoadOrCreate(dataDirectory(sp)));
        services.TryAddSingleton(sp => SecretSealer.LoadOrCreate(dataDirectory(sp)));
        services.TryAddSingleton<IdentityRegistry>();
        services.AddHostedService<IdentityHostedService>();
        services.TryAddSingleton<AccountService>();
        services.TryAddSingleton<UserService>();
        services.TryAddSingleton<GroupService>();
        services.TryAddSingleton<RoleService>();
        services.TryAddSingleton<AccessKeyService>();
        services.TryAddSingleton<InlinePolicyService>();
        services.TryAddSingleton<ManagedPolicyService>();
        services.TryAddSingleton<TagService>();
        services.TryAddSingleton<PermissionsBoundaryService>();
        services.TryAddSingleton(sp => new SessionTokenCodec(sp.GetRequiredService<SecretSealer>()));
        services.TryAddSingleton<StsService>();
        services.TryAddSingleton<ICredentialResolver>(sp => new DirectoryCredentialResolver(
            sp.GetRequiredService<IdentityRegistry>(), sp.GetRequiredService<RootCredentials>(),
            sp.GetRequiredService<SessionTokenCodec>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IAccessAuthorizer, AccessAuthorizer>();
        return services;
    }

    /// <inheritdoc cref="AddNuageIam(IServiceCollection, Func{IServiceProvider, string})"/>
    public static IServiceCollection AddNuageIam(this IServiceCollection services, string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        return services.AddNuageIam(_ => dataDirectory);
    }
}
