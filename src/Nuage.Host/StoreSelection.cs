using Microsoft.Extensions.DependencyInjection;
using Nuage.Blobs;
using Nuage.Metadata;
using Nuage.Metadata.Postgres;
using Nuage.Metadata.Sqlite;
using Nuage.Telemetry;

namespace Nuage.Host;

/// <summary>
/// The one place that picks the stores every service runs on (STYLE.md §7 "one composition root that picks every
/// engine"): the metadata engine and the blob store, side by side. Services see only the contracts
/// (<see cref="IMetadataStore"/>, <see cref="IBlobStore"/>); nothing else in the process names an engine.
/// </summary>
internal static class StoreSelection
{
    /// <summary>Exit code of a server whose metadata database cannot be reached (the admin CLI's "unreachable server").</summary>
    public const int Unreachable = 3;

    /// <summary>Exit code of a server whose metadata database answered but refused it (credentials, a newer schema).</summary>
    public const int Refused = 1;

    public static void AddStores(IServiceCollection services, NuageServerOptions options)
    {
        AddMetadataEngine(services, options);
        AddBlobStore(services, options);
    }

    /// <summary>
    /// What --metadata / NUAGE_METADATA may hold: nothing (SQLite) or a postgresql:// URL that can be read, checked
    /// when the options are read so a typo is a usage error before anything starts.
    /// </summary>
    /// <exception cref="FormatException">Not a PostgreSQL URL, or one that cannot be read; the message has no password.</exception>
    public static string? CheckMetadataOption(string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (!PostgresUrl.IsPostgres(value))
        {
            throw new FormatException(
                $"--metadata takes a PostgreSQL URL (postgresql://user:password@host:port/database), not '{PostgresUrl.Redact(value)}'.");
        }

        try
        {
            _ = PostgresUrl.Parse(value);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new FormatException($"--metadata cannot be read: {e.Message}", e);
        }

        return value;
    }

    /// <summary>
    /// PostgreSQL when --metadata names a database (docs/metadata-engines.md "Running on PostgreSQL"), else SQLite in
    /// the data directory (metadata.db), the embedded default.
    /// </summary>
    private static void AddMetadataEngine(IServiceCollection services, NuageServerOptions options)
    {
        if (options.Metadata is { } database)
        {
            services.AddPostgresMetadata(database);
        }
        else
        {
            services.AddSqliteMetadata(options.DataDirectory);
        }
    }

    /// <summary>
    /// Opens the metadata store before anything listens: a PostgreSQL engine connects and migrates its schema here,
    /// so a database out of reach stops the start with one line (returned, with the exit code) instead of failing
    /// the first request. Null when the store is open.
    /// </summary>
    public static (string Line, int ExitCode)? OpenMetadata(IServiceProvider services, NuageServerOptions options)
    {
        try
        {
            _ = services.GetRequiredService<IMetadataStore>();
            return null;
        }
        catch (MetadataUnavailableException e) when (options.Metadata is { } database)
        {
            return ($"cannot reach the metadata database {Describe(database)}: {Innermost(e).Message}", Unreachable);
        }
        catch (Exception e) when (options.Metadata is { } database)
        {
            // The database answered and said no (authentication, a missing database, a schema newer than this
            // program). PostgreSQL's messages name the user, never the password.
            return ($"cannot use the metadata database {Describe(database)}: {e.Message}", Refused);
        }
    }

    /// <summary>The database's hosts and name, without credentials.</summary>
    private static string Describe(string database) => PostgresUrl.Describe(PostgresUrl.Parse(database));

    /// <summary>The root cause (a socket's "Connection refused") rather than the wrappers' "Failed to connect to ...".</summary>
    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e;
    }

    /// <summary>Blob files on the local drive under &lt;data&gt;/blobs (docs/storage-engine.md "Blob format").</summary>
    private static void AddBlobStore(IServiceCollection services, NuageServerOptions options) =>
        services.AddSingleton<IBlobStore>(sp => new LocalBlobStore(Path.Combine(options.DataDirectory, "blobs"), sp.GetRequiredService<NuageMetrics>()));
}
