using System.Globalization;

namespace Nuage.Bench;

/// <summary>Command-line options of the benchmark (see bench/README.md).</summary>
public sealed record BenchOptions(
    Uri? Endpoint,
    Uri? ConsoleEndpoint,
    string AccessKey,
    string SecretKey,
    double Seconds,
    IReadOnlySet<string> Scenarios,
    int ListKeys,
    double WarmupSeconds,
    int Rounds,
    string? ServerLogLevel,
    string? BaselineDll,
    int MetricsBuckets,
    int? ServerPid,
    long ListScaleKeys,
    string? Metadata,
    IReadOnlyDictionary<string, string> PostgresSettings,
    IReadOnlyDictionary<string, string> ServerEnvironment)
{
    /// <summary>What runs when --scenarios is not given.</summary>
    public static readonly string[] AllScenarios = ["put4k", "get4k", "delete4k", "put64m", "get64m", "list", "auth"];

    /// <summary>
    /// Run only when named: `metrics` takes minutes at the default --seconds and --rounds, and creates 1,000 buckets,
    /// which a run against somebody's --endpoint should not do unasked; `versioning` takes minutes too and leaves a
    /// versioned bucket of tens of thousands of versions behind; `sse` (issue 15) takes `--rounds` x 2 x `--seconds`;
    /// `mqtt` (issue 16) starts Mosquitto beside the server and creates an IoT rule.
    /// </summary>
    public static readonly string[] OptInScenarios = ["metrics", "versioning", "sse", "mqtt", "mqtt-rules", "mqtt-persistent", "replication", "listing-scale"];

    public static BenchOptions Parse(string[] args)
    {
        Uri? endpoint = null;
        Uri? console = null;
        var access = Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID") ?? "NUAGEBENCHACCESSKEY1";
        var secret = Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY") ?? "nuage-bench-secret-key-0123456789abcdefgh";
        var seconds = 10.0;
        var listKeys = 10_000;
        var warmup = 3.0;
        var rounds = 6;
        string? serverLogLevel = null;
        string? baselineDll = null;
        var metricsBuckets = 1000;
        int? serverPid = null;
        long listScaleKeys = 1_000_000;
        string? metadata = null;
        var postgresSettings = new Dictionary<string, string>();
        var serverEnvironment = new Dictionary<string, string>(StringComparer.Ordinal);
        IReadOnlySet<string> scenarios = new HashSet<string>(AllScenarios);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--endpoint": endpoint = new Uri(Next()); break;
                case "--console-endpoint": console = new Uri(Next()); break;
                case "--access-key": access = Next(); break;
                case "--secret-key": secret = Next(); break;
                case "--seconds": seconds = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--warmup": warmup = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--list-keys": listKeys = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--scenarios": scenarios = new HashSet<string>(Next().Split(',', StringSplitOptions.RemoveEmptyEntries)); break;
                case "--rounds": rounds = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--server-log-level": serverLogLevel = Next(); break;
                case "--baseline-dll": baselineDll = Path.GetFullPath(Next()); break;
                case "--metrics-buckets": metricsBuckets = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--server-pid": serverPid = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--list-scale-keys": listScaleKeys = long.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--metadata": metadata = Next(); break;
                case "--mqtt-client-buffer": MqttDelivery.ClientBufferBytes = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--mqtt-payload": MqttDelivery.PayloadBytes = Math.Max(8, int.Parse(Next(), CultureInfo.InvariantCulture)); break;
                case "--postgres-setting":
                    var setting = Next().Split('=', 2);
                    postgresSettings[setting[0]] = setting.Length == 2 ? setting[1] : throw new ArgumentException("--postgres-setting takes name=value");
                    break;
                case "--server-env":
                    var variable = Next().Split('=', 2);
                    serverEnvironment[variable[0]] = variable.Length == 2 ? variable[1] : throw new ArgumentException("--server-env takes NAME=value");
                    break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        var unknown = scenarios.Except(AllScenarios).Except(OptInScenarios).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"unknown scenario {string.Join(", ", unknown)}; known: {string.Join(", ", AllScenarios.Concat(OptInScenarios))}");
        }

        if (rounds < 1)
        {
            throw new ArgumentException("--rounds must be at least 1");
        }

        if (metricsBuckets is < 0 or > 9999)
        {
            throw new ArgumentException("--metrics-buckets must be from 0 to 9999");
        }

        if (baselineDll is not null && !File.Exists(baselineDll))
        {
            throw new ArgumentException($"--baseline-dll {baselineDll}: no such file");
        }

        // A server started here tells its console port; one given by --endpoint cannot be asked.
        if (scenarios.Contains("metrics") && endpoint is not null && console is null)
        {
            throw new ArgumentException("the metrics scenario scrapes the console port: give --console-endpoint with --endpoint");
        }

        return new BenchOptions(endpoint, console, access, secret, seconds, scenarios, listKeys, warmup, rounds, serverLogLevel, baselineDll, metricsBuckets, serverPid, listScaleKeys, metadata, postgresSettings, serverEnvironment);
    }
}
