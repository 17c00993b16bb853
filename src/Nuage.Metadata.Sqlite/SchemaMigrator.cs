namespace Nuage.Metadata.Sqlite;

using System.Globalization;
using Microsoft.Data.Sqlite;

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
        var scripts = Scripts().OrderBy(s => s.Version).ToList();
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

            using var stream = typeof(SchemaMigrator).Assembly.GetManifestResourceStream(resource)!;
            using var text = new StreamReader(stream);
            string script = text.ReadToEnd();
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

    private static IEnumerable<(int Version, string Resource)> Scripts()
    {
        foreach (string name in typeof(SchemaMigrator).Assembly.GetManifestResourceNames())
        {
            // Resource names look like "Nuage.Metadata.Sqlite.Schema.001_initial.sql".
            int at = name.IndexOf(".Schema.", StringComparison.Ordinal);
            if (at < 0 || !name.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            string file = name[(at + ".Schema.".Length)..];
            int underscore = file.IndexOf('_', StringComparison.Ordinal);
            if (underscore > 0 && int.TryParse(file.AsSpan(0, underscore), NumberStyles.None, CultureInfo.InvariantCulture, out int version))
            {
                yield return (version, name);
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
