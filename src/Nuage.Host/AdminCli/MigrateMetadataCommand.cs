using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Nuage.Metadata;
using Nuage.Metadata.Postgres;
using Nuage.Metadata.Postgres.MetadataMigration;

namespace Nuage.Host.AdminCli;

/// <summary>
/// `nuage admin migrate-metadata --from DATA_DIR --to postgresql://...` (issue 18, docs/metadata-engines.md "Moving a
/// region from SQLite to PostgreSQL"): copies a stopped region's metadata from its SQLite file into PostgreSQL.
/// Unlike the other admin verbs it talks to no server: it reads the file and writes the database directly. Exit
/// codes as the other verbs: 0 copied and verified, 1 refused or a table differs, 2 usage, 3 the database cannot be
/// reached.
/// </summary>
public static class MigrateMetadataCommand
{
    /// <summary>
    /// Test hook, not for operators: after this many committed batches the process kills itself (SIGKILL, as
    /// `kill -9` would), so a test can prove a rerun resumes a copy cut off mid-way.
    /// </summary>
    public const string TestKillAfterBatchesVariable = "NUAGE_TEST_MIGRATE_KILL_AFTER_BATCHES";

    private static readonly Option<string> From = new("--from")
    {
        Description = "Data directory of the (stopped) region whose metadata.db to copy",
        Required = true,
    };

    private static readonly Option<string> To = new("--to")
    {
        Description = "PostgreSQL database to copy into: postgresql://user:password@host:port/database (empty, or a copy of the same source cut off)",
        Required = true,
    };

    private static readonly Option<int> BatchRows = new("--batch-rows")
    {
        Description = "Rows per committed batch; a rerun continues after the last committed batch",
        DefaultValueFactory = _ => MigrationOptions.DefaultBatchRows,
    };

    public static Command Create()
    {
        var command = new Command("migrate-metadata", "Copy a stopped region's metadata from its SQLite file into PostgreSQL (resumable, verified); talks to no server");
        command.Options.Add(From);
        command.Options.Add(To);
        command.Options.Add(BatchRows);
        command.SetAction(async (result, cancellationToken) =>
        {
            try
            {
                return await RunAsync(result.GetValue(From)!, result.GetValue(To)!, result.GetValue(BatchRows)).ConfigureAwait(false);
            }
            catch (AdminCliException e)
            {
                await Console.Error.WriteLineAsync("nuage admin migrate-metadata: " + e.Message).ConfigureAwait(false);
                return e.ExitCode;
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(string from, string to, int batchRows)
    {
        if (!PostgresUrl.IsPostgres(to))
        {
            throw new AdminCliException("--to must be a postgresql:// URL.");
        }

        if (batchRows < 1)
        {
            throw new AdminCliException("--batch-rows must be at least 1.");
        }

        var progress = new MigrationProgressBar(Console.Error, interactive: !Console.IsErrorRedirected);
        var options = new MigrationOptions { BatchRows = batchRows, BatchCommitted = KillHook() };
        IReadOnlyList<TableVerification> results;
        try
        {
            results = await new MetadataMigrator(from, to, progress, options).RunAsync().ConfigureAwait(false);
        }
        catch (FormatException e)
        {
            throw new AdminCliException(e.Message);
        }
        catch (MetadataMigrationException e)
        {
            throw new AdminCliException(AdminCliException.Refused, e.Message);
        }
        catch (MetadataUnavailableException e)
        {
            throw new AdminCliException(AdminCliException.Unreachable, e.Message);
        }

        PrintSummary(results);
        var differing = results.Where(r => !r.Matches).ToList();
        if (differing.Count > 0)
        {
            throw new AdminCliException(AdminCliException.Refused,
                "verification failed: " + string.Join(", ", differing.Select(r => r.Table)) + " differ between the source and PostgreSQL; rerun against an empty database.");
        }

        await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Verified: {results.Count} tables, {results.Sum(r => r.SourceRows):N0} rows, counts and checksums equal.")).ConfigureAwait(false);
        return 0;
    }

    private static void PrintSummary(IReadOnlyList<TableVerification> results)
    {
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"TABLE",-24} {"SQLITE_ROWS",12} {"POSTGRES_ROWS",13} {"CHECKSUM",-16} RESULT"));
        foreach (var r in results)
        {
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Table,-24} {r.SourceRows,12} {r.TargetRows,13} {r.SourceChecksum[..16],-16} {(r.Matches ? "ok" : "DIFFERS (postgres checksum " + r.TargetChecksum[..16] + ")")}"));
        }
    }

    private static Action<int>? KillHook()
    {
        string? value = Environment.GetEnvironmentVariable(TestKillAfterBatchesVariable);
        if (value is null || !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int limit))
        {
            return null;
        }

        return batches =>
        {
            if (batches >= limit)
            {
                Process.GetCurrentProcess().Kill();
            }
        };
    }
}
