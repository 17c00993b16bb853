using Microsoft.Extensions.DependencyInjection;

namespace Nuage.IotData;

public static class IotDataServiceCollectionExtensions
{
    /// <summary>Registers the iotdata door (Device Shadow REST API). Needs AddNuageIot, AddNuageMqtt (the notifier) and AddNuageIam.</summary>
    public static IServiceCollection AddNuageIotData(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<IotDataPipeline>();
        return services;
    }
}
