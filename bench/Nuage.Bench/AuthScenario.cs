using System.Diagnostics;
using System.Globalization;

namespace Nuage.Bench;

/// <summary>
/// Issue 13's target: authorization is never the bottleneck. PUT and GET of 4 KiB at concurrency 32, signed by the
/// operator's root key and by a user holding ten policies of twenty statements, in alternating rounds (so drift in
/// the machine's speed lands on both alike), and the user's throughput as a share of root's.
/// </summary>
public static class AuthScenario
{
    private const int Rounds = 2;

    public static async Task RunAsync(Uri endpoint, BenchOptions options, string bucket, byte[] body)
    {
        var (userKey, userSecret) = await IamSetup.CreatePolicyHeavyUserAsync(endpoint, options.AccessKey, options.SecretKey, bucket);
        using var root = new S3BenchClient(endpoint, new SigV4Signer(options.AccessKey, options.SecretKey), 64);
        using var user = new S3BenchClient(endpoint, new SigV4Signer(userKey, userSecret), 64);
        Console.WriteLine($"auth: user {userKey} holds {IamSetup.Policies} policies of {IamSetup.StatementsPerPolicy} statements");

        var results = new Dictionary<string, (double Ops, TimeSpan Elapsed)>();
        var written = 0;
        var seconds = options.Seconds / Rounds;
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var (name, client) in new[] { ("root", root), ("user", user) })
            {
                var put = new LatencyRecorder($"PUT 4 KiB c=32 {name}", body.Length);
                var elapsed = await Load.RunForAsync(32, seconds, async _ =>
                {
                    var n = Interlocked.Increment(ref written);
                    var start = Stopwatch.GetTimestamp();
                    await client.SendAsync(HttpMethod.Put, $"/{bucket}/auth/{n:D8}", new ByteArrayContent(body));
                    put.Record(start);
                }, put);
                Add(results, "PUT " + name, put.Count, elapsed);

                var get = new LatencyRecorder($"GET 4 KiB c=32 {name}", body.Length);
                elapsed = await Load.RunForAsync(32, seconds, async _ =>
                {
                    var n = Random.Shared.Next(1, written + 1);
                    var start = Stopwatch.GetTimestamp();
                    await client.SendAsync(HttpMethod.Get, $"/{bucket}/auth/{n:D8}", null);
                    get.Record(start);
                }, get);
                Add(results, "GET " + name, get.Count, elapsed);
            }
        }

        foreach (var op in new[] { "PUT", "GET" })
        {
            var rootRate = Rate(results[op + " root"]);
            var userRate = Rate(results[op + " user"]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{op} 4 KiB c=32 auth: root {rootRate,9:F0} ops/s   user (10x20 statements) {userRate,9:F0} ops/s   user/root {userRate / rootRate:P1}"));
        }
    }

    private static void Add(Dictionary<string, (double Ops, TimeSpan Elapsed)> results, string key, long count, TimeSpan elapsed)
    {
        var previous = results.GetValueOrDefault(key);
        results[key] = (previous.Ops + count, previous.Elapsed + elapsed);
    }

    private static double Rate((double Ops, TimeSpan Elapsed) result) => result.Ops / result.Elapsed.TotalSeconds;
}
