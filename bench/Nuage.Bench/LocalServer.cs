using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Nuage.Bench;

/// <summary>
/// Starts a server on a temporary data directory and free ports: `./nuage server` of this repository when no
/// --endpoint is given, or another build's nuage.dll as the baseline of the metrics scenario. Learns its S3 and
/// console endpoints from the lines it prints, then drains its output to nothing.
/// </summary>
public sealed partial class LocalServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _data;
    private readonly Task _drain;

    private LocalServer(Process process, string data, Uri endpoint, Uri? console, Uri? mqtt, Task drain)
    {
        MqttEndpoint = mqtt;
        _process = process;
        _data = data;
        Endpoint = endpoint;
        ConsoleEndpoint = console;
        _drain = drain;
    }

    public Uri Endpoint { get; }

    /// <summary>The server's process id (./nuage execs the server, so it keeps the script's).</summary>
    public int ProcessId => _process.Id;

    /// <summary>The console port (admin API, /metrics); null for a baseline, whose console is never used (but in the mqtt scenario).</summary>
    public Uri? ConsoleEndpoint { get; }

    /// <summary>The MQTT TCP port (mqtt://HOST:PORT) of the current server; null for a baseline (but in the mqtt scenario).</summary>
    public Uri? MqttEndpoint { get; }

    /// <summary>The server's data directory (the listing-at-scale scenario loads its SQLite file).</summary>
    public string DataDirectory => _data;

    /// <summary>
    /// `./nuage server` of the repository the benchmark runs from (built in Release on first run); on the PostgreSQL
    /// database <paramref name="metadata"/> when given (`--metadata`), else on SQLite in its data directory.
    /// </summary>
    public static Task<LocalServer> StartAsync(BenchOptions options, string? metadata = null)
    {
        var data = NewDataDirectory();
        var start = new ProcessStartInfo(Path.Combine(FindRoot(), "nuage"));
        foreach (var argument in new[] { "server", "--data", data, "--listen", "127.0.0.1:0", "--console-listen", "127.0.0.1:0", "--mqtt-listen", "127.0.0.1:0" })
        {
            start.ArgumentList.Add(argument);
        }

        if (options.ServerLogLevel is not null)
        {
            start.ArgumentList.Add("--log-level");
            start.ArgumentList.Add(options.ServerLogLevel);
        }

        if (metadata is not null)
        {
            start.ArgumentList.Add("--metadata");
            start.ArgumentList.Add(metadata);
        }

        // --server-env: this server's only, so a runtime setting is measured against a baseline without it.
        foreach (var (name, value) in options.ServerEnvironment)
        {
            start.Environment[name] = value;
        }

        return LaunchAsync(start, data, options, needsConsole: true);
    }

    /// <summary>
    /// Another build, run as `dotnet nuage.dll server`. Only --data and --listen go on its command line, which every
    /// build has; the console port and the log level go through NUAGE_CONSOLE_LISTEN and NUAGE_LOG_LEVEL, which a
    /// build older than those options ignores instead of refusing to start (0c8c51b has no --log-level). Port 0
    /// for the console still matters: its default 9001 may be taken, by the current server's peers or a colleague's.
    /// </summary>
    /// <summary>One region of a federation (the replication scenario): fixed ports from the federation file, its own data directory.</summary>
    public static Task<LocalServer> StartRegionAsync(BenchOptions options, string region, string federationFile, int s3Port, int consolePort)
    {
        var data = NewDataDirectory();
        var start = new ProcessStartInfo(Path.Combine(FindRoot(), "nuage"));
        foreach (var argument in new[]
        {
            "server", "--data", data, "--listen", $"127.0.0.1:{s3Port}", "--console-listen", $"127.0.0.1:{consolePort}", "--mqtt-listen", "127.0.0.1:0",
            "--region", region, "--federation", federationFile, "--log-level", options.ServerLogLevel ?? "warning",
        })
        {
            start.ArgumentList.Add(argument);
        }

        return LaunchAsync(start, data, options, needsConsole: true);
    }

    /// <param name="withMqtt">
    /// Wait for its console and MQTT ports too and keep them (the mqtt scenario's baseline, which publishes to it and
    /// creates rules through its console).
    /// </param>
    /// <param name="metadata">A PostgreSQL URL for the baseline's metadata (NUAGE_METADATA): a second node on the
    /// current server's database, so both list the same rows.</param>
    public static Task<LocalServer> StartBaselineAsync(BenchOptions options, string dll, bool withMqtt = false, string? metadata = null)
    {
        var data = NewDataDirectory();
        var start = new ProcessStartInfo("dotnet");
        foreach (var argument in new[] { dll, "server", "--data", data, "--listen", "127.0.0.1:0" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NUAGE_CONSOLE_LISTEN"] = "127.0.0.1:0";
        // Builds with an MQTT port would otherwise all want 1883; older builds ignore the variable.
        start.Environment["NUAGE_MQTT_LISTEN"] = "127.0.0.1:0";
        if (metadata is not null)
        {
            start.Environment["NUAGE_METADATA"] = metadata;
        }

        if (options.ServerLogLevel is not null)
        {
            start.Environment["NUAGE_LOG_LEVEL"] = options.ServerLogLevel;
        }

        return LaunchAsync(start, data, options, needsConsole: withMqtt);
    }

    private static async Task<LocalServer> LaunchAsync(ProcessStartInfo start, string data, BenchOptions options, bool needsConsole)
    {
        start.RedirectStandardOutput = true;
        start.UseShellExecute = false;
        start.Environment["NUAGE_ROOT_ACCESS_KEY"] = options.AccessKey;
        start.Environment["NUAGE_ROOT_SECRET_KEY"] = options.SecretKey;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        Uri? endpoint = null;
        Uri? console = null;
        Uri? mqtt = null;
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (S3Listening().Match(line) is { Success: true } s3)
            {
                endpoint = new Uri(s3.Groups[1].Value);
            }
            else if (ConsoleListening().Match(line) is { Success: true } consoleLine)
            {
                console = new Uri(consoleLine.Groups[1].Value);
            }
            else if (MqttListening().Match(line) is { Success: true } mqttLine)
            {
                mqtt = new Uri(mqttLine.Groups[1].Value);
            }

            // The current server's MQTT port is waited for too (the mqtt scenario needs it); a baseline's is not.
            if (endpoint is not null && ((console is not null && mqtt is not null) || !needsConsole))
            {
                // The server logs a line per S3 request: kept, they would grow the benchmark's memory for as long as
                // it runs, and left unread they would fill the pipe and stall the server's logger. Raw bytes, not
                // decoded text, as the copy shares the CPU with the server. Bytes the reader already read ahead are
                // log lines too, dropped alike.
                var drain = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
                return new LocalServer(process, data, endpoint, needsConsole ? console : null, needsConsole ? mqtt : null, drain);
            }
        }

        throw new InvalidOperationException($"{start.FileName} {string.Join(' ', start.ArgumentList)} exited before listening");
    }

    [GeneratedRegex(@"S3 API listening on (http://\S+)")]
    private static partial Regex S3Listening();

    [GeneratedRegex(@"Console listening on (http://\S+)")]
    private static partial Regex ConsoleListening();

    [GeneratedRegex(@"MQTT listening on (mqtt://\S+)")]
    private static partial Regex MqttListening();

    private static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), "nuage-bench-" + Guid.NewGuid().ToString("N")[..8]);

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Nuage.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("run the benchmark from inside the repository");
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
        try
        {
            await _drain;
        }
        catch (IOException)
        {
            // The pipe broke as the server died: nothing was wanted from it.
        }

        _process.Dispose();
        Directory.Delete(_data, recursive: true);
    }
}
