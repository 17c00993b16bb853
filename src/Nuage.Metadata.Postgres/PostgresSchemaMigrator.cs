namespace Nuage.Metadata.Postgres;

using System.Globalization;
using Npgsql;
using Nuage.Metadata.Core;

/// <summary>
/// Applies the embedded Schema/NNN_name.sql scripts above the database's recorded version, each in its own
/// transaction with its version row (PostgreSQL's DDL is transactional, so a crash mid-migration leaves the previous
/// version whole). Refuses a database newer than the code. Several nodes may start at once: each migration inserts
/// its version row first, so a second node blocks on the primary key until the first commits, then fails with a
/// unique violation, reads the version again and goes on, rather than relying on advisory locks (not in CockroachDB).
/// The numbers are shared with the SQLite engine's scripts: 021 is the baseline equal to SQLite's 021.
/// </summary>
internal static class PostgresSchemaMigrator
{
    public static void Migrate(NpgsqlConnection connection)
    {
        Execute(connection, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY)");
        var scripts = MigrationScripts.Of(typeof(PostgresSchemaMigrator).Assembly);
        while (true)
        {
            int current = CurrentVersion(connection);
            if (current > scripts[^1].Version)
            {
                throw new InvalidOperationException(
                    $"The metadata database has schema version {current}, newer than this program knows ({scripts[^1].Version}).");
            }

            var next = scripts.FirstOrDefault(s => s.Version > current);
            if (next.Resource is null)
            {
                return;
            }

            string script = MigrationScripts.Read(typeof(PostgresSchemaMigrator).Assembly, next);
            using var transaction = connection.BeginTransaction();
            try
            {
                Execute(connection, "INSERT INTO schema_version (version) VALUES (" + next.Version.ToString(CultureInfo.InvariantCulture) + ")");
                Execute(connection, script);
                transaction.Commit();
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure)
            {
                // Another node applied this version first: read where the schema is now and carry on from there.
                transaction.Rollback();
            }
        }
    }

    /// <summary>The highest version the code knows.</summary>
    public static int LatestVersion => MigrationScripts.Of(typeof(PostgresSchemaMigrator).Assembly)[^1].Version;

    private static int CurrentVersion(NpgsqlConnection connection)
    {
        using var read = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_version", connection);
        return Convert.ToInt32(read.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
