using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Nuage.Bench;

/// <summary>
/// The bulk path of the listing-at-scale scenario (issue 18): puts N keys of a realistic tree,
/// logs/yyyy/mm/dd/host-H/file-F, into a bucket's metadata in one SQL statement per table, by copying every column of
/// one real object written through S3 (the template) and giving each copy its key. Going through S3 would take hours
/// at a million keys; the rows are the engine's own, so listings read exactly what PUTs would have left. The server
/// may run meanwhile: it is idle, and both engines let another connection write.
/// </summary>
public static class BulkKeyLoader
{
    private const int FilesPerHost = 50;
    private const int Hosts = 10;
    private const int DaysPerMonth = 28;

    /// <summary>Key <paramref name="i"/> of the tree: 50 files per host, 10 hosts per day, 28 days a month from 2000/01.</summary>
    public static string Key(long i)
    {
        long day = i / (FilesPerHost * Hosts);
        return string.Create(CultureInfo.InvariantCulture,
            $"logs/{2000 + day / (DaysPerMonth * 12):D4}/{day / DaysPerMonth % 12 + 1:D2}/{day % DaysPerMonth + 1:D2}/host-{i / FilesPerHost % Hosts}/file-{i % FilesPerHost}");
    }

    /// <summary>The month directory of key <paramref name="i"/> (logs/yyyy/mm/).</summary>
    public static string MonthOf(long i) => Key(i)[..("logs/yyyy/mm/".Length)];

    // The same key in SQL: i is the row number 0..N-1.
    private const string SqliteKey =
        "printf('logs/%04d/%02d/%02d/host-%d/file-%d', 2000 + (i / 500) / 336, (i / 500) / 28 % 12 + 1, (i / 500) % 28 + 1, i / 50 % 10, i % 50)";

    private const string PostgresKey =
        "convert_to(format('logs/%s/%s/%s/host-%s/file-%s', lpad((2000 + (i / 500) / 336)::text, 4, '0'), " +
        "lpad(((i / 500) / 28 % 12 + 1)::text, 2, '0'), lpad(((i / 500) % 28 + 1)::text, 2, '0'), i / 50 % 10, i % 50), 'UTF8')";

    public static void LoadSqlite(string databasePath, string bucket, string templateKey, long count)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA busy_timeout = 10000");
        long template = Convert.ToInt64(Scalar(connection, "SELECT seq FROM objects WHERE bucket = $1 AND key = $2", bucket, templateKey), CultureInfo.InvariantCulture);
        var columns = Columns(connection, "SELECT name FROM pragma_table_info('objects')");
        Execute(connection, "BEGIN IMMEDIATE");
        Execute(connection,
            $"WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {count - 1}) " +
            $"INSERT INTO objects (key, {string.Join(", ", columns)}) SELECT {SqliteKey}, {string.Join(", ", columns.Select(c => "o." + c))} " +
            $"FROM n, objects o WHERE o.seq = {template}");
        Execute(connection, $"INSERT INTO current_objects (bucket, key, seq) SELECT bucket, key, seq FROM objects WHERE bucket = $1 AND seq > {template}", bucket);
        Execute(connection, "COMMIT");
        Execute(connection, "ANALYZE");
    }

    public static void LoadPostgres(string url, string bucket, string templateKey, long count)
    {
        var builder = Nuage.Metadata.Postgres.PostgresUrl.Parse(url);
        builder.CommandTimeout = 0;
        using var connection = new NpgsqlConnection(builder.ConnectionString);
        connection.Open();
        long template = (long)Scalar(connection, "SELECT seq FROM objects WHERE bucket = $1 AND key = $2", bucket, System.Text.Encoding.UTF8.GetBytes(templateKey))!;
        var columns = Columns(connection, "SELECT column_name FROM information_schema.columns WHERE table_name = 'objects' AND table_schema = current_schema()");
        Execute(connection, "BEGIN");
        {
            // Row triggers would update the bucket's usage row a million times; the totals are added once instead.
            Execute(connection, "ALTER TABLE objects DISABLE TRIGGER USER");
            Execute(connection, "ALTER TABLE current_objects DISABLE TRIGGER USER");
            Execute(connection,
                $"INSERT INTO objects (key, {string.Join(", ", columns)}) SELECT {PostgresKey}, {string.Join(", ", columns.Select(c => "o." + c))} " +
                $"FROM generate_series(0::bigint, {count - 1}) AS n(i), objects o WHERE o.seq = {template}");
            Execute(connection, $"INSERT INTO current_objects (bucket, key, seq) SELECT bucket, key, seq FROM objects WHERE bucket = $1 AND seq > {template}", bucket);
            Execute(connection,
                $"UPDATE bucket_usage SET objects = objects + {count}, bytes = bytes + {count} * t.size, stored_bytes = stored_bytes + {count} * t.size " +
                $"FROM (SELECT size FROM objects WHERE seq = {template}) t WHERE bucket = $1", bucket);
            Execute(connection, "ALTER TABLE objects ENABLE TRIGGER USER");
            Execute(connection, "ALTER TABLE current_objects ENABLE TRIGGER USER");
            Execute(connection, "COMMIT");
        }

        // What autovacuum would do soon after such a load: statistics for the planner, a visibility map for
        // index-only scans.
        Execute(connection, "VACUUM ANALYZE objects");
        Execute(connection, "VACUUM ANALYZE current_objects");
    }

    /// <summary>
    /// Puts <paramref name="count"/> unfinished multipart uploads into the bucket by copying the one upload of
    /// <paramref name="templateKey"/> (created through S3): upload i is on key i x stride of the tree (spread over the
    /// bucket's <paramref name="keys"/> keys), its id the template's id followed by "-i". The uploads table has no
    /// triggers on either engine, so the rows are exactly what CreateMultipartUpload would have left.
    /// </summary>
    public static void LoadUploadsSqlite(string databasePath, string bucket, string templateKey, long count, long keys)
    {
        long stride = Math.Max(1, keys / count);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA busy_timeout = 10000");
        var columns = Columns(connection, "SELECT name FROM pragma_table_info('uploads')", "upload_id");
        Execute(connection, "BEGIN IMMEDIATE");
        Execute(connection,
            $"WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + {stride} FROM n WHERE i < {(count - 1) * stride}) " +
            $"INSERT INTO uploads (upload_id, key, {string.Join(", ", columns)}) SELECT u.upload_id || '-' || i, {SqliteKey}, " +
            $"{string.Join(", ", columns.Select(c => "u." + c))} FROM n, uploads u WHERE u.bucket = $1 AND u.key = $2",
            bucket, templateKey);
        Execute(connection, "COMMIT");
        Execute(connection, "ANALYZE uploads");
    }

    /// <summary>PostgreSQL's <see cref="LoadUploadsSqlite"/>.</summary>
    public static void LoadUploadsPostgres(string url, string bucket, string templateKey, long count, long keys)
    {
        long stride = Math.Max(1, keys / count);
        var builder = Nuage.Metadata.Postgres.PostgresUrl.Parse(url);
        builder.CommandTimeout = 0;
        using var connection = new NpgsqlConnection(builder.ConnectionString);
        connection.Open();
        var columns = Columns(
            connection, "SELECT column_name FROM information_schema.columns WHERE table_name = 'uploads' AND table_schema = current_schema()", "upload_id");
        Execute(connection,
            $"INSERT INTO uploads (upload_id, key, {string.Join(", ", columns)}) SELECT u.upload_id || '-' || i, {PostgresKey}, " +
            $"{string.Join(", ", columns.Select(c => "u." + c))} FROM generate_series(0::bigint, {(count - 1) * stride}, {stride}) AS n(i), uploads u " +
            "WHERE u.bucket = $1 AND u.key = $2",
            bucket, System.Text.Encoding.UTF8.GetBytes(templateKey));
        Execute(connection, "VACUUM ANALYZE uploads");
    }

    private static List<string> Columns(System.Data.Common.DbConnection connection, string sql, string identity = "seq")
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var columns = new List<string>();
        while (reader.Read())
        {
            string name = reader.GetString(0);
            if (name != identity && name != "key")
            {
                columns.Add(name);
            }
        }

        return columns;
    }

    private static object? Scalar(System.Data.Common.DbConnection connection, string sql, params object[] arguments)
    {
        using var command = Command(connection, sql, arguments);
        return command.ExecuteScalar();
    }

    private static void Execute(System.Data.Common.DbConnection connection, string sql, params object[] arguments)
    {
        using var command = Command(connection, sql, arguments);
        command.ExecuteNonQuery();
    }

    private static System.Data.Common.DbCommand Command(System.Data.Common.DbConnection connection, string sql, object[] arguments)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        for (int i = 0; i < arguments.Length; i++)
        {
            var parameter = command.CreateParameter();
            if (connection is SqliteConnection)
            {
                parameter.ParameterName = "$" + (i + 1).ToString(CultureInfo.InvariantCulture);
            }

            parameter.Value = arguments[i];
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
