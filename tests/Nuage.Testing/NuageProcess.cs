using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using Amazon.S3;

namespace Nuage.Testing;

/// <summary>
/// The real nuage program as a child process on a free loopback port (STYLE.md §5). A child process rather than an
/// in-process host, so kill -9 and graceful-stop tests exercise exactly what users run. Every line the server
/// prints is kept; <see cref="AssertNoErrors"/> fails a test whose server logged an error it did not expect
/// (MQTTnet's ThrowIfLogErrors).
/// </summary>
public sealed partial class NuageProcess : IAsyncDisposable
{
    public const string AccessKey = "NUAGETESTACCESSKEY01";
    public const string SecretKey = "nuage-test-secret-key-0123456789abcdefghij";

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<Uri> _consoleListening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<Uri> _mqttListening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _expectedErrors = [];

    private NuageProcess(Process process, string dataDirectory)
    {
        _process = process;
        DataDirectory = dataDirectory;
    }

    public string DataDirectory { get; }

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>The console port: admin API under /api/, health under /health/.</summary>
    public Uri ConsoleEndpoint { get; private set; } = null!;

    /// <summary>The MQTT TCP listener, mqtt://HOST:PORT (MQTT over WebSocket is <see cref="MqttWebSocketUri"/>).</summary>
    public Uri MqttEndpoint { get; private set; } = null!;

    /// <summary>The MQTT over TLS listener, mqtts://HOST:PORT, when the server was started with --mqtt-tls-certificate; else null.</summary>
    public Uri? MqttTlsEndpoint { get; private set; }

    /// <summary>MQTT over WebSocket: ws://HOST:PORT/mqtt on the console port.</summary>
    public Uri MqttWebSocketUri => new($"ws://{ConsoleEndpoint.Authority}/mqtt");

    public int ProcessId => _process.Id;

    /// <summary>
    /// The metadata engine test servers run on, unless a test passes --metadata itself: SQLite (the default), or
    /// PostgreSQL when NUAGE_TEST_METADATA=postgres, which is how ./test runs the S3 integration tests a second time
    /// on the PostgreSQL engine (issue 18).
    /// </summary>
    public static MetadataEngine Engine => Environment.GetEnvironmentVariable("NUAGE_TEST_METADATA") switch
    {
        null or "" or "sqlite" => MetadataEngine.Sqlite,
        "postgres" or "postgresql" => MetadataEngine.Postgres,
        var other => throw new InvalidOperationException($"NUAGE_TEST_METADATA is 'sqlite' or 'postgres', not '{other}'."),
    };

    public bool HasExited => _process.HasExited;

    public IReadOnlyCollection<string> Output => _output;

    /// <summary>
    /// Starts a server on <paramref name="dataDirectory"/> and waits until it listens. <paramref name="listen"/>
    /// defaults to a free port on 127.0.0.1; pass the previous endpoint's port to restart on the same address.
    /// </summary>
    public static async Task<NuageProcess> StartAsync(
        string dataDirectory, string listen = "127.0.0.1:0", IReadOnlyDictionary<string, string?>? environment = null,
        IEnumerable<string>? extraArguments = null, bool withRootKeys = true, string consoleListen = "127.0.0.1:0")
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RepositoryPaths.ServerDll);
        start.ArgumentList.Add("server");
        start.ArgumentList.Add("--data");
        start.ArgumentList.Add(dataDirectory);
        start.ArgumentList.Add("--listen");
        start.ArgumentList.Add(listen);
        start.ArgumentList.Add("--console-listen");
        start.ArgumentList.Add(consoleListen);
        // Every test server takes a free MQTT port too: the default 1883 is one port for the whole machine.
        start.ArgumentList.Add("--mqtt-listen");
        start.ArgumentList.Add("127.0.0.1:0");
        var extra = (extraArguments ?? []).ToList();
        if (!extra.Contains("--metadata") && Engine.ServerOption(dataDirectory) is { } metadata)
        {
            // NUAGE_TEST_METADATA=postgres: this data directory's own database on the test process's shared
            // PostgreSQL server (the same one again when the server restarts on the same directory).
            start.ArgumentList.Add("--metadata");
            start.ArgumentList.Add(metadata);
        }

        foreach (var argument in extra)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in new[] { "NUAGE_DATA", "NUAGE_METADATA", "NUAGE_LISTEN", "NUAGE_CONSOLE_LISTEN", "NUAGE_MQTT_LISTEN", "NUAGE_REGION", "NUAGE_DOMAIN", "NUAGE_ROOT_ACCESS_KEY", "NUAGE_ROOT_SECRET_KEY" })
        {
            start.Environment.Remove(name);
        }

        if (withRootKeys)
        {
            start.Environment["NUAGE_ROOT_ACCESS_KEY"] = AccessKey;
            start.Environment["NUAGE_ROOT_SECRET_KEY"] = SecretKey;
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var server = new NuageProcess(process, dataDirectory);
        process.OutputDataReceived += (_, e) => server.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => server.OnLine(e.Data);
        process.Exited += (_, _) =>
        {
            server._exited.TrySetResult();
            var exited = new InvalidOperationException("nuage exited before listening:\n" + string.Join('\n', server._output));
            server._listening.TrySetException(exited);
            server._consoleListening.TrySetException(exited);
            server._mqttListening.TrySetException(exited);
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        server.Endpoint = await server._listening.Task.WaitAsync(TimeSpan.FromSeconds(60));

        // Printed right after the S3 line(s).
        server.ConsoleEndpoint = await server._consoleListening.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // Printed just before the console line.
        server.MqttEndpoint = await server._mqttListening.Task.WaitAsync(TimeSpan.FromSeconds(10));
        return server;
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        var match = ListeningLine().Match(line);
        if (match.Success)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value));
        }

        var mqtt = MqttListeningLine().Match(line);
        if (mqtt.Success)
        {
            _mqttListening.TrySetResult(new Uri(mqtt.Groups[1].Value));
        }

        // Printed before the console line, so it is known once StartAsync returns.
        var mqttTls = MqttTlsListeningLine().Match(line);
        if (mqttTls.Success)
        {
            MqttTlsEndpoint = new Uri(mqttTls.Groups[1].Value);
        }

        var console = ConsoleListeningLine().Match(line);
        if (console.Success)
        {
            _consoleListening.TrySetResult(new Uri(console.Groups[1].Value));
        }
    }

    [GeneratedRegex(@"S3 API listening on (http://\S+)")]
    private static partial Regex ListeningLine();

    [GeneratedRegex(@"MQTT listening on (mqtt://\S+)")]
    private static partial Regex MqttListeningLine();

    [GeneratedRegex(@"MQTT over TLS listening on (mqtts://\S+)")]
    private static partial Regex MqttTlsListeningLine();

    [GeneratedRegex(@"Console listening on (http://\S+)")]
    private static partial Regex ConsoleListeningLine();

    /// <summary>An S3 client of the AWS SDK for .NET, path style, signed with the test root key.</summary>
    public AmazonS3Client CreateS3Client(Action<AmazonS3Config>? configure = null) =>
        CreateS3Client(new BasicAWSCredentials(AccessKey, SecretKey), configure);

    /// <summary>The same client signed with other credentials (an IAM user's key, STS session credentials).</summary>
    public AmazonS3Client CreateS3Client(AWSCredentials credentials, Action<AmazonS3Config>? configure = null)
    {
        var config = new AmazonS3Config
        {
            ServiceURL = Endpoint.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = 0,
            Timeout = TimeSpan.FromSeconds(120),
        };
        configure?.Invoke(config);
        return new AmazonS3Client(credentials, config);
    }

    /// <summary>Lets a test say that an error line containing <paramref name="fragment"/> is what it provoked.</summary>
    public void ExpectErrorContaining(string fragment) => _expectedErrors.Add(fragment);

    /// <summary>Fails when the server logged an error ("fail:" or "crit:" lines) that no test said it expected.</summary>
    /// <summary>Where <see cref="AssertNoErrors"/> also writes what it found; ./test prints this file after a run.</summary>
    public static string ServerErrorsFile => Path.Combine(Path.GetTempPath(), "nuage-test-server-errors.log");

    public void AssertNoErrors()
    {
        var errors = _output
            .Where(l => l.Contains("fail:", StringComparison.Ordinal) || l.Contains("crit:", StringComparison.Ordinal)
                || l.Contains("Unhandled exception", StringComparison.Ordinal))
            .Where(l => !_expectedErrors.Any(f => l.Contains(f, StringComparison.Ordinal)))
            .ToList();
        if (errors.Count > 0)
        {
            // A fixture's failure on dispose reaches the console as its exception type only ("Test Class Cleanup
            // Failure"), so the lines are also kept where ./test prints them after the run.
            File.AppendAllLines(ServerErrorsFile, ["== " + DataDirectory, .. errors]);
            throw new Xunit.Sdk.XunitException("The server logged errors:\n" + string.Join('\n', errors));
        }
    }

    /// <summary>kill -9: no chance to flush or finish anything.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _exited.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>
    /// Ends the server the way a test of what survives asks for: <c>kill -9</c>, or a graceful stop that must exit 0; then
    /// disposes it.
    /// </summary>
    public async Task EndAsync(bool kill)
    {
        if (kill)
        {
            await KillAsync();
        }
        else if (await StopAsync() is var code and not 0)
        {
            throw new Xunit.Sdk.XunitException($"The server exited with {code} after SIGTERM.");
        }

        await DisposeAsync();
    }

    /// <summary>SIGTERM, then wait for a clean exit; returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan? timeout = null)
    {
        if (!_process.HasExited)
        {
            UnixSignals.Send(_process.Id, UnixSignals.SigTerm);
        }

        await _exited.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(40));
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                await StopAsync(TimeSpan.FromSeconds(20));
            }
        }
        catch (TimeoutException)
        {
            await KillAsync();
        }

        _process.Dispose();
    }
}
