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
    public static async Task RunAsync(Uri endpoint, BenchOptions options, string bucket, byte[] body)
    {
        var (userKey, userSecret) = await IamSetup.CreatePolicyHeavyUserAsync(endpoint, options.AccessKey, options.SecretKey, bucket);
        using var root = new S3BenchClient(endpoint, new SigV4Signer(options.AccessKey, options.SecretKey), 64);
        using var user = new S3BenchClient(endpoint, new SigV4Signer(userKey, userSecret), 64);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"auth: user {userKey} holds {IamSetup.Policies} policies of {IamSetup.StatementsPerPolicy} statements; {options.Rounds} rounds of {options.Seconds:F0} s per PUT and per GET"));

        // Per round and principal: PUT and GET ops/s. The order rotates each round, so drift in the machine's speed
        // (a neighbour on a shared host) lands on both principals alike; medians keep one disturbed round from
        // deciding the result.
        var rates = new Dictionary<string, List<double>>
        {
            ["PUT root"] = [], ["PUT user"] = [], ["GET root"] = [], ["GET user"] = [],
        };
        var written = 0;
        for (var round = 0; round < options.Rounds; round++)
        {
            var order = round % 2 == 0 ? new[] { ("root", root), ("user", user) } : new[] { ("user", user), ("root", root) };
            foreach (var (name, client) in order)
            {
                var put = new LatencyRecorder($"PUT 4 KiB c=32 {name}", body.Length);
                var elapsed = await Load.RunForAsync(32, options.Seconds, async _ =>
                {
                    var n = Interlocked.Increment(ref written);
                    var start = Stopwatch.GetTimestamp();
                    await client.SendAsync(HttpMethod.Put, $"/{bucket}/auth/{n:D8}", new ByteArrayContent(body));
                    put.Record(start);
                }, put);
                rates["PUT " + name].Add(put.Count / elapsed.TotalSeconds);

                var get = new LatencyRecorder($"GET 4 KiB c=32 {name}", body.Length);
                elapsed = await Load.RunForAsync(32, options.Seconds, async _ =>
                {
                    var n = Random.Shared.Next(1, written + 1);
                    var start = Stopwatch.GetTimestamp();
                    await client.SendAsync(HttpMethod.Get, $"/{bucket}/auth/{n:D8}", null);
                    get.Record(start);
                }, get);
                rates["GET " + name].Add(get.Count / elapsed.TotalSeconds);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"auth round {round + 1}/{options.Rounds}  {name,-4}  PUT {rates["PUT " + name][^1],9:F0} ops/s   GET {rates["GET " + name][^1],9:F0} ops/s"));
            }
        }

        foreach (var op in new[] { "PUT", "GET" })
        {
            var rootRate = Stats.Median(rates[op + " root"]);
            var userRate = Stats.Median(rates[op + " user"]);
            var perRound = rates[op + " user"].Zip(rates[op + " root"], (u, r) => u / r).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{op} 4 KiB c=32 auth, median of {options.Rounds}: root {rootRate,9:F0} ops/s   user (10x20 statements) {userRate,9:F0} ops/s   "
                + $"user/root {userRate / rootRate:P1} (rounds {perRound.Min():P1} to {perRound.Max():P1}; issue 13: within 5%)"));
        }
    }
}
