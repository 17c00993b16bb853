using System.Security.Cryptography;
using System.Text;
using Nuage.Metadata;
using Nuage.Metadata.Postgres;

namespace Nuage.Testing;

/// <summary>
/// The PostgreSQL engine as tests open it: a database of the test process's shared server, named after the data
/// directory (so reopening the same directory finds the same data), created from a migrated template database.
/// </summary>
internal sealed class PostgresTestEngine : MetadataEngine
{
    public override string Name => "postgres";

    public override IMetadataStore Open(string dataDirectory) => new PostgresMetadataStore(ServerOption(dataDirectory));

    public override string ServerOption(string dataDirectory) =>
        SharedPostgres.DatabaseUrl(DatabaseName(dataDirectory));

    public override void Drop(string dataDirectory) => SharedPostgres.DropDatabase(DatabaseName(dataDirectory));

    /// <summary>nuage_ and 24 hex digits of the data directory's SHA-256 (PostgreSQL names stop at 63 bytes).</summary>
    internal static string DatabaseName(string dataDirectory) =>
        "nuage_" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(dataDirectory))))[..24].ToLowerInvariant();
}
