using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Xunit.Sdk;

namespace Nuage.Testing;

/// <summary>
/// A synchronous streaming standby of a <see cref="PostgresCluster"/> for failover tests (issue 18 "Faults"):
/// pg_basebackup copies the primary and standby.signal with primary_conninfo makes the copy stream from it
/// (PostgreSQL docs §26.2 "Log-Shipping Standby Servers"); the standby listens on its own free 127.0.0.1 port, and
/// the primary is told to wait for it on every commit (synchronous_standby_names, §26.2.8 "Synchronous
/// Replication"), so a commit the primary acknowledged is on the standby too. <see cref="PromoteAsync"/> makes it a
/// primary (pg_ctl promote). Disposing stops it and deletes its directory. Same account, binaries and password as
/// the primary.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PostgresStandby : IAsyncDisposable
{
    /// <summary>The name the standby gives the primary (application_name), which synchronous_standby_names lists.</summary>
    public const string Name = "nuage_standby";

    private static readonly TimeSpan ServerTimeout = TimeSpan.FromSeconds(120);

    private readonly PostgresCluster _primary;
    private readonly TempDirectory _directory = new("nuage-pg-standby-");

    private PostgresStandby(PostgresCluster primary)
    {
        _primary = primary;
    }

    public string Host => "127.0.0.1";

    public int Port { get; private set; }

    public string RootDirectory => _directory.Path;

    /// <summary>PGDATA of the standby.</summary>
    public string DataDirectory => Path.Combine(RootDirectory, "data");

    public string LogFile => Path.Combine(RootDirectory, "postgres.log");

    public bool IsRunning { get; private set; }

    /// <summary>Npgsql keywords for the standby's copy of the test database.</summary>
    public string ConnectionString =>
        $"Host={Host};Port={Port};Database={PostgresCluster.Database};Username={PostgresCluster.User};Password={_primary.Password}";

    /// <summary>
    /// Copies the running <paramref name="primary"/>, starts the copy as its standby, makes the primary's commits
    /// wait for it, and returns once the primary reports it streaming synchronously.
    /// </summary>
    public static async Task<PostgresStandby> StartAsync(PostgresCluster primary)
    {
        var standby = new PostgresStandby(primary);
        try
        {
            await standby.CreateAsync();
            return standby;
        }
        catch
        {
            await standby.DisposeAsync();
            throw;
        }
    }

    private async Task CreateAsync()
    {
        File.SetUnixFileMode(RootDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (PostgresServiceUser.Needed)
        {
            await PostgresServiceUser.GiveAsync(RootDirectory);
        }

        // Over TCP with the superuser's password: initdb's pg_hba.conf lets it open replication connections from
        // 127.0.0.1 (scram-sha-256). --wal-method=stream keeps the WAL written during the copy. Not -R: the
        // primary_conninfo it writes to postgresql.auto.conf (read last, so it wins) has no application_name, and the
        // standby must name itself for synchronous_standby_names; standby.signal and the conninfo are written below.
        await RunAsync(Path.Combine(_primary.Binaries.Directory, "pg_basebackup"),
        [
            "--host", _primary.Host, "--port", _primary.Port.ToString(CultureInfo.InvariantCulture), "--username", PostgresCluster.User,
            "--pgdata", DataDirectory, "--wal-method=stream", "--checkpoint=fast", "--no-sync",
        ]);

        // standby.signal: start in standby mode, streaming from primary_conninfo (PostgreSQL docs §26.2.4). The copy
        // carries the primary's nuage-test.conf (port, socket directory); the standby gets its own.
        await File.WriteAllTextAsync(Path.Combine(DataDirectory, "standby.signal"), "");
        Port = FreePort();
        var conninfo = $"host={_primary.Host} port={_primary.Port} user={PostgresCluster.User} password={_primary.Password} application_name={Name}";
        var settings = Path.Combine(DataDirectory, "nuage-test.conf");
        await File.WriteAllLinesAsync(settings,
        [
            "listen_addresses = '127.0.0.1'",
            $"port = {Port}",
            $"unix_socket_directories = '{RootDirectory}'",
            "fsync = on",
            "synchronous_commit = on",
            "full_page_writes = on",
            "shared_buffers = '32MB'",
            $"primary_conninfo = '{conninfo}'",
            "hot_standby = on",
        ]);
        if (PostgresServiceUser.Needed)
        {
            await PostgresServiceUser.GiveAsync(RootDirectory);
        }

        var start = await PgCtlAsync("start", "-l", LogFile);
        if (start.ExitCode != 0)
        {
            throw new XunitException($"The standby did not start:\n{start.Output}\n--- {LogFile} ---\n{ReadLog()}");
        }

        IsRunning = true;

        // From now on a commit on the primary returns only once the standby has flushed it (synchronous_commit on).
        await using (var primary = new NpgsqlConnection(_primary.ConnectionString))
        {
            await primary.OpenAsync();
            await using (var set = new NpgsqlCommand($"ALTER SYSTEM SET synchronous_standby_names = '{Name}'", primary))
            {
                await set.ExecuteNonQueryAsync();
            }

            await using (var reload = new NpgsqlCommand("SELECT pg_reload_conf()", primary))
            {
                await reload.ExecuteScalarAsync();
            }

            await WaitForSyncAsync(primary);
        }
    }

    /// <summary>Until pg_stat_replication shows the standby streaming with sync_state 'sync' (or the time runs out).</summary>
    private async Task WaitForSyncAsync(NpgsqlConnection primary)
    {
        using var deadline = new CancellationTokenSource(ServerTimeout);
        while (true)
        {
            await using var state = new NpgsqlCommand(
                "SELECT state || '/' || sync_state FROM pg_stat_replication WHERE application_name = $1", primary);
            state.Parameters.Add(new NpgsqlParameter { Value = Name });
            if (await state.ExecuteScalarAsync() as string == "streaming/sync")
            {
                return;
            }

            if (deadline.IsCancellationRequested)
            {
                throw new XunitException($"The standby never became synchronous.\n--- {LogFile} ---\n{ReadLog()}");
            }

            // The walsender appears within a few hundred milliseconds of the standby's start.
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>pg_ctl promote: the standby leaves recovery and accepts writes; returns once it does.</summary>
    public async Task PromoteAsync()
    {
        var promote = await PgCtlAsync("promote");
        if (promote.ExitCode != 0)
        {
            throw new XunitException($"pg_ctl promote failed:\n{promote.Output}\n--- {LogFile} ---\n{ReadLog()}");
        }
    }

    public string ReadLog()
    {
        if (!File.Exists(LogFile))
        {
            return "";
        }

        using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (IsRunning)
            {
                await PgCtlAsync("stop", "-m", "immediate");
                IsRunning = false;
            }
        }
        finally
        {
            _directory.Dispose();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Task<ChildResult> PgCtlAsync(string action, params string[] more) =>
        RunAsync(_primary.Binaries.PgCtl,
            [action, "--pgdata", DataDirectory, "--wait", "--timeout", ((int)ServerTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture), .. more],
            check: false);

    /// <summary>A PostgreSQL program as the service account, in the standby's directory, with the primary's password.</summary>
    private async Task<ChildResult> RunAsync(string program, IEnumerable<string> arguments, bool check = true)
    {
        var (fileName, commandArguments) = PostgresServiceUser.Command(program, arguments);
        var result = await ChildProcess.RunAsync(
            fileName, commandArguments,
            new Dictionary<string, string?> { ["LC_ALL"] = "C", ["PGPASSWORD"] = _primary.Password },
            RootDirectory, ServerTimeout + TimeSpan.FromSeconds(30));
        return check ? result.AssertSuccess() : result;
    }
}
