using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nuage.Iam.Authorization;

namespace Nuage.Iam;

public static class IamServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="RootCredentials"/> (loaded or created on first resolve, from the environment or
    /// <c>&lt;dataDirectory&gt;/root-credentials</c>) and an <see cref="ICredentialResolver"/> that knows the root key.
    /// The Host resolves <see cref="RootCredentials"/> at start, so a bad configuration fails before listening, and
    /// prints the keys when <see cref="RootCredentials.WasCreated"/> is true.
    /// </summary>
    public static IServiceCollection AddNuageIam(this IServiceCollection services, Func<IServiceProvider, string> dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(dataDirectory);
        services.TryAddSingleton(sp => RootCredentials.LoadOrCreate(dataDirectory(sp)));
        services.TryAddSingleton<ICredentialResolver>(sp => StaticCredentialResolver.ForRoot(sp.GetRequiredService<RootCredentials>()));
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
