namespace Nuage.Regions;

using Microsoft.Extensions.DependencyInjection;
using Nuage.Regions.Federation;
using Nuage.Regions.Reachability;

public static class RegionsServiceCollectionExtensions
{
    /// <summary>
    /// Registers this server's place in a federation (<paramref name="federation"/> null: a region on its own named
    /// <paramref name="localRegion"/>) and the probe that reports the other regions' reachability.
    /// </summary>
    public static IServiceCollection AddNuageRegions(this IServiceCollection services, FederationConfig? federation, string localRegion)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(new FederationMembership(federation, localRegion));
        services.AddSingleton(sp => new RegionProbe(sp.GetRequiredService<FederationMembership>(), new HttpClient()));
        return services;
    }
}
