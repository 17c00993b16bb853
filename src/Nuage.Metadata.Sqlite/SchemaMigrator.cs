namespace Nuage.Metadata.Sqlite;

using System.Globalization;
using Microsoft.Data.Sqlite;
using Nuage.Metadata.Core;

/// <summary>
/// Applies the embedded Schema/NNN_name.sql scripts above the database's recorded version, each in its own
/// transaction with its version row, so a crash mid-migration leaves the previous version intact.
/// </summary>
internal static class SchemaMigrator
{
    public static void Migrate(SqliteConnection connection)
    {
        Execute(connection, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
        int current = Convert.ToInt32(read.ExecuteScalar(), CultureInfo.InvariantCulture);
        var scripts = MigrationScripts.Of(typeof(SchemaMigrator).Assembly);
        if (current > scripts[^1].Version)
        {
            throw new InvalidOperationException(
                $"The metadata database has schema version {current}, newer than this program knows ({scripts[^1].Version}).");
        }

        foreach (var (version, resource) in scripts)
        {
            if (version <= current)
            {
                continue;
            }

            string script = MigrationScripts.Read(typeof(SchemaMigrator).Assembly, new MigrationScripts.Script(version, resource));
            Execute(connection, "BEGIN IMMEDIATE");
            try
            {
                Execute(connection, script);
                Execute(connection, "INSERT INTO schema_version (version) VALUES (" + version.ToString(CultureInfo.InvariantCulture) + ")");
                Execute(connection, "COMMIT");
            }
            catch
            {
                Execute(connection, "ROLLBACK");
                throw;
            }
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
