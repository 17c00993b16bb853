namespace Nuage.Metadata.Postgres.MetadataMigration;

using System.Globalization;
using Npgsql;

/// <summary>
/// Copies a region's metadata from its SQLite file (DATA_DIR/metadata.db) into a PostgreSQL database
/// (docs/metadata-engines.md "Moving a region from SQLite to PostgreSQL"): checks both schemas, copies every table
/// with COPY in primary key order and committed batches (resumable), overwrites the trigger-maintained usage rows
/// from the source, moves the identity sequences past the copied ids, and verifies every table by count and
/// checksum.
/// </summary>
public sealed class MetadataMigrator(string dataDirectory, string target, IMigrationProgress progress, MigrationOptions? options = null)
{
    // Columns the SQLite file still has that no code reads: objects.is_latest was retired by schema 011.
    private static readonly HashSet<string> RetiredSqliteColumns = new(StringComparer.Ordinal) { "objects.is_latest" };

    // SQLite tables that are no metadata of the region: each engine has its own schema_version; sqlite_sequence is
    // read for the AUTOINCREMENT high water (SqliteSource.IdentityHighWater).
    private static readonly HashSet<string> EngineTables = new(StringComparer.Ordinal) { "schema_version", "sqlite_sequence" };

    private readonly MigrationOptions _options = options ?? new MigrationOptions();

    /// <summary>Runs (or resumes) the migration; the result says per table whether the copy matches.</summary>
    /// <exception cref="MetadataMigrationException">A schema mismatch, a target holding other data, or a source that changed.</exception>
    /// <exception cref="MetadataUnavailableException">PostgreSQL cannot be reached.</exception>
    public async Task<IReadOnlyList<TableVerification>> RunAsync()
    {
        var tables = MigrationTables.All;
        using var source = SqliteSource.Open(dataDirectory);
        progress.Note($"Source: {source.Path} (schema {MigrationTables.SchemaVersion:000})");

        // The engine itself brings the target to its latest schema (PostgresSchemaMigrator), exactly as a server
        // started on it would.
        await using (var store = new PostgresMetadataStore(target))
        {
            progress.Note($"Target: {store.Target}");
        }

        var builder = PostgresUrl.Parse(target);
        builder.CommandTimeout = 0; // a COPY batch or a checksum scan of a large table may take longer than Npgsql's 30 s
        await using var dataSource = new NpgsqlDataSourceBuilder(builder.ConnectionString).Build();
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
            return Run(source, connection, tables);
        }
        catch (Exception ex) when (ex is NpgsqlException and not PostgresException || (ex is PostgresException && PostgresErrors.IsUnavailable(ex)))
        {
            throw PostgresErrors.Unavailable(ex);
        }
        catch (PostgresException ex)
        {
            // A refusal by the database (permissions, a constraint): one line for the operator, not a stack trace.
            throw new MetadataMigrationException("PostgreSQL refused: " + ex.MessageText + (ex.TableName is null ? "" : $" (table {ex.TableName})"), ex);
        }
    }

    private List<TableVerification> Run(SqliteSource source, NpgsqlConnection connection, IReadOnlyList<MigrationTable> tables)
    {
        CheckSchemas(source, connection, tables);
        var totals = tables.ToDictionary(t => t.Name, source.Count, StringComparer.Ordinal);
        long overallTotal = totals.Values.Sum();
        string fingerprint = source.Fingerprint(tables);
        var ledger = new MigrationLedger(connection);
        var state = ledger.Read();
        if (state.Count == 0)
        {
            using var transaction = connection.BeginTransaction();
            RefuseUnlessEmpty(connection, tables);
            ledger.Begin(tables, fingerprint, transaction);
            transaction.Commit();
            state = ledger.Read();
            progress.Note("Copying into an empty database");
        }
        else
        {
            if (state.Values.Any(s => !string.Equals(s.Source, fingerprint, StringComparison.Ordinal)) || tables.Any(t => !state.ContainsKey(t.Name)))
            {
                throw new MetadataMigrationException(
                    "The target holds a partial copy of another source, or of this one before it changed (was the server running?). " +
                    $"Drop the target database (or its tables) and start again.");
            }

            progress.Note("Resuming the copy: " + string.Join(", ", tables.Where(t => state[t.Name].Copied > 0).Select(t => $"{t.Name} {state[t.Name].Copied}/{totals[t.Name]}")));
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        long overallCopied = tables.Sum(t => state[t.Name].Finished ? totals[t.Name] : state[t.Name].Copied);
        int batches = 0;
        foreach (var table in tables.Where(t => !t.MaintainedByTriggers))
        {
            var (_, copied, finished) = state[table.Name];
            progress.Copied(table.Name, finished ? totals[table.Name] : copied, totals[table.Name], overallCopied, overallTotal);
            if (finished)
            {
                continue;
            }

            CopyTable(source, connection, ledger, table, copied, totals[table.Name], ref overallCopied, overallTotal, ref batches);
        }

        var maintained = tables.Where(t => t.MaintainedByTriggers).ToList();
        if (maintained.Any(t => !state[t.Name].Finished))
        {
            OverwriteTriggerMaintained(source, connection, ledger, maintained);
            foreach (var table in maintained)
            {
                overallCopied += totals[table.Name];
                progress.Copied(table.Name, totals[table.Name], totals[table.Name], overallCopied, overallTotal);
            }
        }

        MoveIdentities(source, connection, tables);
        progress.Note($"Copied in {clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
        clock.Restart();
        var results = MetadataVerifier.Verify(source, connection, tables, progress);
        progress.Note($"Verified in {clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
        if (results.All(r => r.Matches))
        {
            ledger.Drop();
        }

        return results;
    }

    private void CopyTable(
        SqliteSource source, NpgsqlConnection connection, MigrationLedger ledger, MigrationTable table, long copied, long total,
        ref long overallCopied, long overallTotal, ref int batches)
    {
        using var rows = source.Rows(table, copied).GetEnumerator();
        bool more = rows.MoveNext();
        if (!more)
        {
            using var transaction = connection.BeginTransaction();
            ledger.Record(table.Name, copied, finished: true, transaction);
            transaction.Commit();
            return;
        }

        string copy = $"COPY {table.QuotedName} ({table.ColumnList}) FROM STDIN (FORMAT BINARY)";
        while (more)
        {
            using var transaction = connection.BeginTransaction();
            int count = 0;
            long bytes = 0;
            using (var importer = connection.BeginBinaryImport(copy))
            {
                while (more && count < _options.BatchRows && bytes < _options.BatchBytes)
                {
                    object?[] row = rows.Current;
                    importer.StartRow();
                    for (int i = 0; i < row.Length; i++)
                    {
                        table.Columns[i].Write(importer, row[i]);
                        bytes += row[i] switch { byte[] b => b.Length, string s => s.Length, _ => 8 };
                    }

                    count++;
                    more = rows.MoveNext();
                }

                importer.Complete();
            }

            copied += count;
            ledger.Record(table.Name, copied, finished: !more, transaction);
            transaction.Commit();
            overallCopied += count;
            progress.Copied(table.Name, copied, total, overallCopied, overallTotal);
            _options.BatchCommitted?.Invoke(++batches);
        }
    }

    /// <summary>
    /// bucket_usage and store_counters are kept by triggers on both engines, and PostgreSQL's triggers fire for the
    /// rows COPY writes (COPY FROM runs row-level triggers): copying buckets made their usage rows, every object
    /// version added its size, every current_objects row its count, every garbage row the garbage counter. Copying
    /// the source's usage rows on top would count everything twice, and disabling triggers needs rights an operator's
    /// database user may lack (and DISABLE TRIGGER is not what CockroachDB offers). So the copy lets the triggers run,
    /// and at the end replaces both tables with the source's rows in one transaction: the figures are exactly those
    /// SQLite's triggers kept, whatever the PostgreSQL triggers summed over a copy that may have been interrupted and
    /// resumed. Nothing is copied after this, so no trigger changes them again.
    /// </summary>
    private static void OverwriteTriggerMaintained(SqliteSource source, NpgsqlConnection connection, MigrationLedger ledger, List<MigrationTable> tables)
    {
        using var transaction = connection.BeginTransaction();
        foreach (var table in tables)
        {
            using (var delete = new NpgsqlCommand($"DELETE FROM {table.QuotedName}", connection, transaction))
            {
                delete.ExecuteNonQuery();
            }

            long count = 0;
            using (var importer = connection.BeginBinaryImport($"COPY {table.QuotedName} ({table.ColumnList}) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (object?[] row in source.Rows(table, skip: 0))
                {
                    importer.StartRow();
                    for (int i = 0; i < row.Length; i++)
                    {
                        table.Columns[i].Write(importer, row[i]);
                    }

                    count++;
                }

                importer.Complete();
            }

            ledger.Record(table.Name, count, finished: true, transaction);
        }

        transaction.Commit();
    }

    /// <summary>
    /// The identity columns got their values from the source (COPY writes them explicitly, which GENERATED BY DEFAULT
    /// allows), so their sequences never advanced: each is set to the highest id SQLite handed out, and the next row
    /// gets the one after, as in SQLite. setval(pg_get_serial_sequence(...)) rather than ALTER TABLE ... ALTER COLUMN
    /// ... RESTART WITH: a function call, idempotent on a rerun, and the form YugabyteDB documents and CockroachDB
    /// also provides (docs/metadata-engines.md says what was checked).
    /// </summary>
    private void MoveIdentities(SqliteSource source, NpgsqlConnection connection, IReadOnlyList<MigrationTable> tables)
    {
        foreach (var table in tables.Where(t => t.Identity is not null))
        {
            long highest = source.IdentityHighWater(table);
            if (highest <= 0)
            {
                continue;
            }

            using var command = PostgresCommands.Create(connection, "SELECT setval(pg_get_serial_sequence($1, $2), $3)", [table.Name, table.Identity, highest]);
            command.ExecuteNonQuery();
            progress.Note($"{table.Name}.{table.Identity} continues after {highest.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    /// <summary>
    /// Both databases must have exactly the columns the table list knows (MigrationTables): a column it does not list
    /// would be lost in the copy, so the migration refuses rather than drop it.
    /// </summary>
    private static void CheckSchemas(SqliteSource source, NpgsqlConnection connection, IReadOnlyList<MigrationTable> tables)
    {
        using (var version = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_version", connection))
        {
            int targetVersion = Convert.ToInt32(version.ExecuteScalar(), CultureInfo.InvariantCulture);
            if (targetVersion != MigrationTables.SchemaVersion)
            {
                throw new MetadataMigrationException(
                    $"The target database is at schema version {targetVersion:000}; this migration copies schema {MigrationTables.SchemaVersion:000}.");
            }
        }

        var known = tables.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        foreach (string name in source.Tables())
        {
            if (!known.Contains(name) && !EngineTables.Contains(name))
            {
                throw new MetadataMigrationException($"The source has a table {name} this migration does not know; nothing was copied.");
            }
        }

        foreach (var table in tables)
        {
            var listed = table.Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
            var inSqlite = source.Columns(table.Name);
            var inPostgres = PostgresColumns(connection, table.Name);
            foreach (string column in listed.Union(inSqlite).Union(inPostgres))
            {
                if (RetiredSqliteColumns.Contains(table.Name + "." + column) && !listed.Contains(column) && !inPostgres.Contains(column))
                {
                    continue;
                }

                if (!listed.Contains(column) || !inSqlite.Contains(column) || !inPostgres.Contains(column))
                {
                    throw new MetadataMigrationException(
                        $"Column {table.Name}.{column} is not in both schemas as this migration knows them; nothing was copied.");
                }
            }
        }
    }

    private static HashSet<string> PostgresColumns(NpgsqlConnection connection, string table)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        using var command = PostgresCommands.Create(connection,
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1", [table]);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    /// <summary>The operator's account, which both engines' schemas create (SQLite's 003, PostgreSQL's 021 baseline).</summary>
    private const string OperatorAccountId = "000000000000";

    /// <summary>
    /// A target with no ledger must hold no metadata: the baseline's rows only (store_counters' zero, the operator's
    /// account, which is then removed so the source's copy of it goes in).
    /// </summary>
    private static void RefuseUnlessEmpty(NpgsqlConnection connection, IReadOnlyList<MigrationTable> tables)
    {
        foreach (var table in tables)
        {
            string sql = table.Name switch
            {
                "store_counters" => "SELECT EXISTS (SELECT 1 FROM store_counters WHERE NOT (name = 'garbage_blobs' AND value = 0))",
                "accounts" => $"SELECT EXISTS (SELECT 1 FROM accounts WHERE id <> '{OperatorAccountId}')",
                _ => $"SELECT EXISTS (SELECT 1 FROM {table.QuotedName})",
            };
            using var command = new NpgsqlCommand(sql, connection);
            if ((bool)command.ExecuteScalar()!)
            {
                throw new MetadataMigrationException(
                    $"The target database already holds metadata ({table.Name} has rows) and no copy of this source was started there; " +
                    "migrate into an empty database.");
            }
        }

        // The baseline's own row (as SQLite's 003 makes it): the source has it too, so it comes with the copy.
        using var seeded = new NpgsqlCommand($"DELETE FROM accounts WHERE id = '{OperatorAccountId}'", connection);
        seeded.ExecuteNonQuery();
    }
}
