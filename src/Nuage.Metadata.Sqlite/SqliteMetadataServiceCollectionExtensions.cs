namespace Nuage.Metadata.Sqlite;

using Microsoft.Extensions.DependencyInjection;

public static class SqliteMetadataServiceCollectionExtensions
{
    /// <summary>
    /// Registers the SQLite engine as the <see cref="IMetadataStore"/>, on &lt;dataDirectory&gt;/metadata.db.
    /// The container disposes it at shutdown, which drains pending commits before closing the file.
    /// </summary>
    public static IServiceCollection AddSqliteMetadata(this IServiceCollection services, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        services.AddSingleton<IMetadataStore>(sp => new SqliteMetadataStore(Path.Combine(dataDirectory, "metadata.db"), sp.GetService<Nuage.Telemetry.NuageMetrics>()));
        return services;
    }
}
