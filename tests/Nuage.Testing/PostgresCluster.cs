using System.Net;
using System.Net.Sockets;
using System.Globalization;
using System.Text;
using Xunit;
using Xunit.Sdk;

namespace Nuage.Testing;

/// <summary>
/// A real PostgreSQL server of the test's own: a cluster in a temporary directory (initdb's, made once per test
/// process and copied: <see cref="PostgresTemplate"/>), listening on a
/// free 127.0.0.1 port with its Unix socket inside that directory, fsync and synchronous_commit on (durability is
/// what the PostgreSQL engine's tests measure), holding one database. As root it runs as
/// <see cref="PostgresServiceUser"/>. Usable as an xUnit fixture (IAsyncLifetime) or started by hand with
/// <see cref="StartNewAsync"/>; <see cref="StopAsync"/>, <see cref="StartAsync"/> and <see cref="KillAsync"/>
/// restart or crash it. Disposing stops it and deletes the directory. Linux only, as the server is (PostgreSQL
/// from Debian's packages, /proc, setpriv).
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime, IAsyncDisposable
{
    /// <summary>The superuser initdb creates and the tests connect as.</summary>
    public const string User = "nuage";

    /// <summary>The database made for the tests (initdb's own are template0, template1 and postgres).</summary>
    public const string Database = "nuage";

    /// <summary>A slow start on a loaded 2-core machine (crash recovery included) still fits; a hung one fails.</summary>
    private static readonly TimeSpan ServerTimeout = TimeSpan.FromSeconds(120);

    private TempDirectory? _directory;
    private PostgresBinaries? _binaries;

    /// <summary>
    /// postgresql.conf parameters over the defaults below (name to value as written in the file, e.g.
    /// "shared_buffers" = "'64MB'"); read at every start.
    /// </summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    public string Host => "127.0.0.1";

    /// <summary>How the temporary directory's name starts (the template's says whose it is).</summary>
    internal string DirectoryPrefix { get; init; } = "nuage-pg-";

    public int Port { get; private set; }

    /// <summary>The superuser's password, required over TCP (scram-sha-256), so clients authenticate for real.</summary>
    public string Password { get; private set; } = "";

    /// <summary>The temporary directory holding the data directory, the socket and the server log.</summary>
    public string RootDirectory => _directory?.Path ?? throw new InvalidOperationException("The cluster was not started.");

    /// <summary>PGDATA.</summary>
    public string DataDirectory => Path.Combine(RootDirectory, "data");

    /// <summary>Where the server's Unix socket is (unix_socket_directories).</summary>
    public string SocketDirectory => RootDirectory;

    /// <summary>The server's log (pg_ctl -l), every start appended.</summary>
    public string LogFile => Path.Combine(RootDirectory, "postgres.log");

    public bool IsRunning { get; private set; }

    /// <summary>An Npgsql connection string (keywords as Npgsql spells them) for the test database over TCP.</summary>
    public string ConnectionString =>
        $"Host={Host};Port={Port};Database={Database};Username={User};Password={Password}";

    /// <summary>The same as a libpq URL, the form `nuage server --metadata` will take (issue 18).</summary>
    public string Url => $"postgresql://{User}:{Password}@{Host}:{Port}/{Database}";

    public PostgresBinaries Binaries => _binaries ?? throw new InvalidOperationException("The cluster was not started.");

    /// <summary>Creates and starts a cluster; the caller disposes it.</summary>
    public static async Task<PostgresCluster> StartNewAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var cluster = new PostgresCluster { Settings = settings ?? new Dictionary<string, string>() };
        try
        {
            await cluster.InitializeAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A copy of this test process's template cluster (<see cref="PostgresTemplate"/>: initdb and the test
    /// database, made once), started on a free port. Copying is a fraction of initdb's second or more, which every
    /// cluster would otherwise pay.
    /// </summary>
    public async Task InitializeAsync()
    {
        var template = await PostgresTemplate.GetAsync();
        try
        {
            await PrepareDirectoryAsync();
            Password = template.Password;
            await RunAsync("cp", ["--archive", template.DataDirectory, DataDirectory]);
            await StartOnFreePortAsync();
        }
        catch
        {
            // A fixture whose start failed may not be disposed by the test framework: leave nothing behind.
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>initdb, first start on a free port, the test database: how the template is made.</summary>
    internal async Task CreateFromScratchAsync()
    {
        await PrepareDirectoryAsync();
        Password = Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant();
        var passwordFile = Path.Combine(RootDirectory, "initdb-password");
        await File.WriteAllTextAsync(passwordFile, Password + "\n");
        if (PostgresServiceUser.Needed)
        {
            await PostgresServiceUser.GiveAsync(passwordFile);
        }

        // --locale=C: text compares as bytes, which is S3's key order (UTF-8 byte order) and the same on every
        // machine whatever locales it has. --no-sync skips initdb's final fsync of the fresh files (a second on a
        // busy disk): the tests crash the server process, never the machine, so unsynced pages in the OS cache
        // survive; the server's own fsync stays on.
        await RunAsync(Binaries.InitDb,
        [
            "--pgdata", DataDirectory, "--username", User, "--pwfile", passwordFile, "--auth-local=trust",
            "--auth-host=scram-sha-256", "--encoding=UTF8", "--locale=C", "--no-sync", "--no-instructions",
        ]);
        File.Delete(passwordFile);
        await File.AppendAllTextAsync(Path.Combine(DataDirectory, "postgresql.conf"), "\ninclude 'nuage-test.conf'\n");
        await StartOnFreePortAsync();
        await RunAsync(Binaries.CreateDb, ["--host", SocketDirectory, "--port", Port.ToString(CultureInfo.InvariantCulture), "--username", User, Database]);
    }

    /// <summary>Starts the server again on the same port and directory, after a stop or a kill; waits until it accepts connections.</summary>
    public async Task StartAsync()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("The server is running.");
        }

        var start = await PgCtlAsync("start", "-l", LogFile);
        if (start.ExitCode != 0)
        {
            throw new XunitException($"PostgreSQL did not start again:\n{start.Output}\n--- {LogFile} ---\n{ReadLog(from: 0)}");
        }

        IsRunning = true;
    }

    /// <summary>pg_ctl stop in <paramref name="mode"/>; returns once the server has exited.</summary>
    public async Task StopAsync(PostgresStopMode mode = PostgresStopMode.Fast)
    {
        var stop = await PgCtlAsync("stop", "-m", mode.ToString().ToLowerInvariant());
        if (stop.ExitCode != 0)
        {
            throw new XunitException($"pg_ctl stop -m {mode} failed:\n{stop.Output}\n--- {LogFile} ---\n{ReadLog(from: 0)}");
        }

        IsRunning = false;
    }

    /// <summary>
    /// A crash: SIGKILL to the postmaster and every server process it started, with no chance to write anything
    /// more. The postmaster is stopped first (SIGSTOP) so it cannot start a process after its children were listed.
    /// </summary>
    public async Task KillAsync()
    {
        var postmaster = ServerProcessId();
        UnixSignals.Send(postmaster, UnixSignals.SigStop);
        var family = ProcessTable.ChildrenOf(postmaster).Prepend(postmaster).ToList();
        foreach (var pid in family)
        {
            try
            {
                UnixSignals.Send(pid, UnixSignals.SigKill);
            }
            catch (InvalidOperationException) when (ProcessTable.HasEnded(pid))
            {
                // It ended by itself between the listing and the signal.
            }
        }

        await ProcessTable.WaitEndedAsync(family, TimeSpan.FromSeconds(30));
        IsRunning = false;

        // The killed postmaster left its lock files behind (postmaster.pid, and .s.PGSQL.PORT.lock beside the
        // socket), as a crash does. On a machine whose init reaps orphans their pid then names no process and the
        // next start goes ahead; this machine's init does not reap, so the pid names a zombie, which kill(pid, 0)
        // reports alive, and the next start would refuse to run ("lock file already exists"). The zombie holds
        // nothing (no memory, files, sockets or shared memory attachment), so removing the files stands in for
        // the reaping.
        File.Delete(Path.Combine(DataDirectory, "postmaster.pid"));
        File.Delete(Path.Combine(SocketDirectory, $".s.PGSQL.{Port}.lock"));
    }

    /// <summary>The postmaster's pid, from the first line of postmaster.pid.</summary>
    public int ServerProcessId()
    {
        var lines = File.ReadAllLines(Path.Combine(DataDirectory, "postmaster.pid"));
        return int.Parse(lines[0], CultureInfo.InvariantCulture);
    }

    /// <summary>The server log from byte <paramref name="from"/> on.</summary>
    public string ReadLog(long from = 0)
    {
        if (!File.Exists(LogFile))
        {
            return "";
        }

        using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(Math.Min(from, stream.Length), SeekOrigin.Begin);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>Stops the server (fast; killed if that fails) and removes the directory.</summary>
    public async Task DisposeAsync()
    {
        try
        {
            if (IsRunning)
            {
                try
                {
                    await StopAsync(PostgresStopMode.Fast);
                }
                catch (XunitException)
                {
                    await KillAsync();
                    throw;
                }
            }
        }
        finally
        {
            _directory?.Dispose();
        }
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    /// <summary>The binaries, the service account, and an empty directory of the account's (mode 0700).</summary>
    private async Task PrepareDirectoryAsync()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("PostgresCluster runs Debian's PostgreSQL on Linux.");
        }

        _binaries = PostgresBinaries.Find();
        if (PostgresServiceUser.Needed)
        {
            await PostgresServiceUser.EnsureAsync();
        }

        _directory = new TempDirectory(DirectoryPrefix);
        File.SetUnixFileMode(RootDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (PostgresServiceUser.Needed)
        {
            await PostgresServiceUser.GiveAsync(RootDirectory);
        }
    }

    /// <summary>
    /// PostgreSQL cannot listen on port 0, so a free port is picked and may be taken by another process before
    /// the server binds it: then the start fails with "Address already in use" and another port is tried.
    /// </summary>
    private async Task StartOnFreePortAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            await WriteSettingsAsync();
            var logBefore = File.Exists(LogFile) ? new FileInfo(LogFile).Length : 0;
            var start = await PgCtlAsync("start", "-l", LogFile);
            if (start.ExitCode == 0)
            {
                IsRunning = true;
                return;
            }

            if (attempt == 5 || !ReadLog(from: logBefore).Contains("Address already in use", StringComparison.Ordinal))
            {
                throw new XunitException($"PostgreSQL did not start:\n{start.Output}\n--- {LogFile} ---\n{ReadLog(from: 0)}");
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// nuage-test.conf, included at the end of postgresql.conf. fsync, synchronous_commit and full_page_writes are
    /// PostgreSQL's defaults, written out because a commit's durability is what the tests rely on and measure.
    /// </summary>
    private async Task WriteSettingsAsync()
    {
        var settings = new Dictionary<string, string>
        {
            ["listen_addresses"] = "'127.0.0.1'",
            ["port"] = Port.ToString(CultureInfo.InvariantCulture),
            ["unix_socket_directories"] = $"'{SocketDirectory}'",
            ["fsync"] = "on",
            ["synchronous_commit"] = "on",
            ["full_page_writes"] = "on",
            // Several clusters run at once on a shared test machine; 128 MB each (the default) is more than a
            // test's data needs. Benchmarks pass their own value.
            ["shared_buffers"] = "'32MB'",
        };
        foreach (var (name, value) in Settings)
        {
            settings[name] = value;
        }

        var path = Path.Combine(DataDirectory, "nuage-test.conf");
        await File.WriteAllLinesAsync(path, settings.Select(s => $"{s.Key} = {s.Value}"));
        if (PostgresServiceUser.Needed)
        {
            await PostgresServiceUser.GiveAsync(path);
        }
    }

    private Task<ChildResult> PgCtlAsync(string action, params string[] more) =>
        RunAsync(Binaries.PgCtl, [action, "--pgdata", DataDirectory, "--wait", "--timeout", ((int)ServerTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture), .. more], check: false);

    /// <summary>
    /// Runs a PostgreSQL program as the service account, in the cluster's directory (the account may not be allowed
    /// into the test's working directory), with C messages so the log reads the same everywhere.
    /// </summary>
    private async Task<ChildResult> RunAsync(string program, IEnumerable<string> arguments, bool check = true)
    {
        var (fileName, commandArguments) = PostgresServiceUser.Command(program, arguments);
        var result = await ChildProcess.RunAsync(
            fileName, commandArguments, new Dictionary<string, string?> { ["LC_ALL"] = "C" }, RootDirectory,
            ServerTimeout + TimeSpan.FromSeconds(30));
        return check ? result.AssertSuccess() : result;
    }
}
