using System.Globalization;

namespace Nuage.Bench;

/// <summary>Command-line options of the benchmark (see bench/README.md).</summary>
public sealed record BenchOptions(
    Uri? Endpoint, string AccessKey, string SecretKey, double Seconds, IReadOnlySet<string> Scenarios, int ListKeys, double WarmupSeconds,
    string? ServerLogLevel)
{
    public static readonly string[] AllScenarios = ["put4k", "get4k", "delete4k", "put64m", "get64m", "list", "auth"];

    public static BenchOptions Parse(string[] args)
    {
        Uri? endpoint = null;
        var access = Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID") ?? "NUAGEBENCHACCESSKEY1";
        var secret = Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY") ?? "nuage-bench-secret-key-0123456789abcdefgh";
        var seconds = 10.0;
        var listKeys = 10_000;
        var warmup = 3.0;
        string? serverLogLevel = null;
        IReadOnlySet<string> scenarios = new HashSet<string>(AllScenarios);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--endpoint": endpoint = new Uri(Next()); break;
                case "--access-key": access = Next(); break;
                case "--secret-key": secret = Next(); break;
                case "--seconds": seconds = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--warmup": warmup = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--list-keys": listKeys = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--scenarios": scenarios = new HashSet<string>(Next().Split(',', StringSplitOptions.RemoveEmptyEntries)); break;
                case "--server-log-level": serverLogLevel = Next(); break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        return new BenchOptions(endpoint, access, secret, seconds, scenarios, listKeys, warmup, serverLogLevel);
    }
}
