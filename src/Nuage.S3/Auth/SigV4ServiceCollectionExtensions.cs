using Microsoft.Extensions.DependencyInjection;
using Nuage.Signing;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Nuage.S3.Auth;

public static class SigV4ServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="S3Authenticator"/> (SigV4, and SigV2 for older clients) as a singleton (it holds the
    /// signing-key cache) and <see cref="TimeProvider.System"/> unless a TimeProvider is already registered. Needs
    /// an <see cref="Iam.ICredentialResolver"/>, e.g. from AddNuageIam, and reads S3FrontDoorOptions when registered.
    /// </summary>
    public static IServiceCollection AddSigV4Authentication(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<S3Authenticator>();
        services.TryAddSingleton<PostPolicySignature>();
        return services;
    }
}
