namespace Nuage.Metadata.Postgres;

using Microsoft.Extensions.DependencyInjection;

public static class PostgresMetadataServiceCollectionExtensions
{
    /// <summary>
    /// Registers the PostgreSQL engine as the <see cref="IMetadataStore"/> on <paramref name="connection"/> (a
    /// postgresql:// URL or Npgsql keywords). The container disposes it at shutdown, which drains pending commits.
    /// </summary>
    public static IServiceCollection AddPostgresMetadata(this IServiceCollection services, string connection)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(connection);
        services.AddSingleton<IMetadataStore>(sp => new PostgresMetadataStore(connection, sp.GetService<Nuage.Telemetry.NuageMetrics>()));
        return services;
    }
}
