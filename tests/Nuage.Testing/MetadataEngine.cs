using Nuage.Metadata;

namespace Nuage.Testing;

/// <summary>
/// A metadata engine a test runs on (issue 18 "One conformance suite"): every metadata test is written once, in an
/// abstract class taking a <see cref="MetadataEngine"/>, with one small subclass per engine (…OnSqlite, …OnPostgres).
/// A divergence is an override in one subclass, skipped with its reason.
/// </summary>
public abstract class MetadataEngine
{
    /// <summary>The embedded engine: &lt;data&gt;/metadata.db.</summary>
    public static MetadataEngine Sqlite { get; } = new SqliteTestEngine();

    /// <summary>
    /// PostgreSQL: one real server per test process (<see cref="SharedPostgres"/>), one database per data directory.
    /// Without PostgreSQL installed this fails; it never skips.
    /// </summary>
    public static MetadataEngine Postgres { get; } = new PostgresTestEngine();

    public abstract string Name { get; }

    /// <summary>
    /// Opens the store of <paramref name="dataDirectory"/>: empty the first time, the same data when opened again
    /// after the previous store was disposed (a restart).
    /// </summary>
    public abstract IMetadataStore Open(string dataDirectory);

    /// <summary>What `nuage server --metadata` takes for this data directory's store; null for SQLite (the default).</summary>
    public abstract string? ServerOption(string dataDirectory);

    /// <summary>Removes what <see cref="Open"/> made outside the data directory (a PostgreSQL database); idempotent.</summary>
    public virtual void Drop(string dataDirectory)
    {
    }

    public override string ToString() => Name;
}
