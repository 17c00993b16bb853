using Microsoft.Extensions.DependencyInjection;
using Nuage.Blobs;
using Nuage.Metadata.Sqlite;
using Nuage.Telemetry;

namespace Nuage.Host;

/// <summary>
/// The one place that picks the stores every service runs on (STYLE.md §7 "one composition root that picks every
/// engine"): the metadata engine and the blob store, side by side. Services see only the contracts
/// (<see cref="Nuage.Metadata.IMetadataStore"/>, <see cref="IBlobStore"/>); nothing else in the process names an
/// engine.
/// </summary>
internal static class StoreSelection
{
    public static void AddStores(IServiceCollection services, NuageServerOptions options)
    {
        AddMetadataEngine(services, options);
        AddBlobStore(services, options);
    }

    /// <summary>
    /// SQLite in the data directory (metadata.db), the embedded default. Issue 18's --metadata / NUAGE_METADATA
    /// will be read into <see cref="NuageServerOptions"/> and select the PostgreSQL engine here instead.
    /// </summary>
    private static void AddMetadataEngine(IServiceCollection services, NuageServerOptions options) =>
        services.AddSqliteMetadata(options.DataDirectory);

    /// <summary>Blob files on the local drive under &lt;data&gt;/blobs (docs/storage-engine.md "Blob format").</summary>
    private static void AddBlobStore(IServiceCollection services, NuageServerOptions options) =>
        services.AddSingleton<IBlobStore>(sp => new LocalBlobStore(Path.Combine(options.DataDirectory, "blobs"), sp.GetRequiredService<NuageMetrics>()));
}
