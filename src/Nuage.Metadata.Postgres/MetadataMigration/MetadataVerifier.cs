namespace Nuage.Metadata.Postgres.MetadataMigration;

using Npgsql;

/// <summary>
/// Compares each table of the source with its copy: the row count, and <see cref="TableChecksum"/> over every row read
/// back from PostgreSQL against the same over every row of the SQLite file after conversion. Both sides are read in
/// full; nothing is sampled.
/// </summary>
internal static class MetadataVerifier
{
    public static List<TableVerification> Verify(
        SqliteSource source, NpgsqlConnection target, IReadOnlyList<MigrationTable> tables, IMigrationProgress progress)
    {
        progress.Note($"Verifying {tables.Count} tables: row counts and checksums of every row on both sides");
        var results = new List<TableVerification>(tables.Count);
        foreach (var table in tables)
        {
            var expected = new TableChecksum();
            foreach (object?[] row in source.Rows(table, skip: 0))
            {
                expected.Add(row);
            }

            var actual = new TableChecksum();
            using (var command = new NpgsqlCommand($"SELECT {table.ColumnList} FROM {table.QuotedName}", target))
            using (var reader = command.ExecuteReader())
            {
                var row = new object?[table.Columns.Count];
                while (reader.Read())
                {
                    for (int i = 0; i < row.Length; i++)
                    {
                        row[i] = table.Columns[i].ReadPostgres(reader, i);
                    }

                    actual.Add(row);
                }
            }

            results.Add(new TableVerification(table.Name, expected.Rows, expected.Value, actual.Rows, actual.Value));
        }

        return results;
    }
}
