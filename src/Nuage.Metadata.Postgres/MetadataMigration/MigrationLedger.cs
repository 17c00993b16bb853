namespace Nuage.Metadata.Postgres.MetadataMigration;

using Npgsql;

/// <summary>
/// The progress of a copy, kept in the target database itself (table nuage_metadata_migration): per table, the
/// source's fingerprint, how many rows (in primary key order) are committed, and whether the table is done. Each
/// batch's rows and its ledger row commit in one transaction, so after a crash (kill -9 included) the ledger says
/// exactly which rows are there, and a rerun continues after them. The table is dropped once a copy is verified,
/// leaving the schema the engine made.
/// </summary>
internal sealed class MigrationLedger(NpgsqlConnection connection)
{
    public const string TableName = "nuage_metadata_migration";

    /// <summary>The ledger's rows (table, fingerprint, copied, finished), empty when no copy was started.</summary>
    public Dictionary<string, (string Source, long Copied, bool Finished)> Read()
    {
        var rows = new Dictionary<string, (string, long, bool)>(StringComparer.Ordinal);
        using (var exists = new NpgsqlCommand("SELECT to_regclass($1) IS NOT NULL", connection))
        {
            exists.Parameters.Add(new NpgsqlParameter { Value = TableName });
            if (!(bool)exists.ExecuteScalar()!)
            {
                return rows;
            }
        }

        using var read = new NpgsqlCommand($"SELECT table_name, source, copied, finished FROM {TableName}", connection);
        using var reader = read.ExecuteReader();
        while (reader.Read())
        {
            rows[reader.GetString(0)] = (reader.GetString(1), reader.GetInt64(2), reader.GetBoolean(3));
        }

        return rows;
    }

    /// <summary>Creates the ledger with a row per table (nothing copied), inside the caller's transaction.</summary>
    public void Begin(IEnumerable<MigrationTable> tables, string fingerprint, NpgsqlTransaction transaction)
    {
        Execute(
            $"CREATE TABLE IF NOT EXISTS {TableName} (table_name TEXT PRIMARY KEY, source TEXT NOT NULL, copied BIGINT NOT NULL, finished BOOLEAN NOT NULL)",
            transaction);
        foreach (var table in tables)
        {
            Execute($"INSERT INTO {TableName} (table_name, source, copied, finished) VALUES ($1, $2, 0, FALSE)", transaction, table.Name, fingerprint);
        }
    }

    /// <summary>Records a committed batch, inside the batch's transaction.</summary>
    public void Record(string table, long copied, bool finished, NpgsqlTransaction transaction) =>
        Execute($"UPDATE {TableName} SET copied = $2, finished = $3 WHERE table_name = $1", transaction, table, copied, finished);

    /// <summary>Removes the ledger after a verified copy.</summary>
    public void Drop() => Execute($"DROP TABLE IF EXISTS {TableName}", null);

    private void Execute(string sql, NpgsqlTransaction? transaction, params object[] arguments)
    {
        using var command = PostgresCommands.Create(connection, sql, arguments);
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }
}
