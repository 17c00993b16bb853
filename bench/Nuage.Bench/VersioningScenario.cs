using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace Nuage.Bench;

/// <summary>
/// Issue 15's target: versioning on costs at most 10% of PUT/GET 4 KiB throughput. Two buckets on the same server,
/// one never versioned and one with versioning Enabled, each loaded with PUT then GET of 4 KiB at concurrency 32 over
/// the same 1,000 keys: PUTs cycle over them (overwrites, so the versioned bucket accumulates versions as a backup
/// tool's would, the unversioned one replaces its null versions), GETs read their current versions at random. The
/// buckets take turns (unversioned, versioned, unversioned, ...) so drift in the machine's speed lands on both
/// alike; each round's figures, the medians and the ratio versioned/unversioned are printed. With the server's
/// process id (the server the benchmark started, or --server-pid), each phase also reports the server's CPU time per
/// operation, which other load on the machine leaves alone.
/// </summary>
public static class VersioningScenario
{
    public const int Keys = 1000;
    private const string Unversioned = "unversioned";
    private const string Versioned = "versioned";

    public static async Task RunAsync(S3BenchClient client, BenchOptions options, string bucket, byte[] body, int? serverPid)
    {
        var plainBucket = bucket + "-unversioned";
        var versionedBucket = bucket + "-versioned";
        await client.SendAsync(HttpMethod.Put, "/" + plainBucket, null);
        await client.SendAsync(HttpMethod.Put, "/" + versionedBucket, null);
        await client.SendAsync(HttpMethod.Put, $"/{versionedBucket}?versioning", new StringContent(
            "<VersioningConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Status>Enabled</Status></VersioningConfiguration>",
            Encoding.UTF8, "application/xml"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"versioning: buckets {plainBucket} and {versionedBucket} (Enabled); {Keys} keys overwritten in each; {options.Rounds} rounds of {options.Seconds:F0} s per PUT and per GET, buckets alternating"));

        var conditions = new[]
        {
            (Name: Unversioned, Load: new PutGetLoad(client, plainBucket, body, "v", Keys)),
            (Name: Versioned, Load: new PutGetLoad(client, versionedBucket, body, "v", Keys)),
        };

        // Every key written once (so GETs find them all), then unmeasured load on both buckets, as Program.cs warms
        // its own bucket: the first timed phase is not charged for the fill's checkpoints or cold pages.
        foreach (var (_, load) in conditions)
        {
            await load.FillAsync();
        }

        foreach (var (_, load) in conditions)
        {
            await load.PutAsync(options.WarmupSeconds / 2);
            await load.GetAsync(options.WarmupSeconds / 2);
        }

        var put = conditions.ToDictionary(c => c.Name, _ => new List<LoadResult>());
        var get = conditions.ToDictionary(c => c.Name, _ => new List<LoadResult>());
        var putCpu = conditions.ToDictionary(c => c.Name, _ => new List<double>());
        var getCpu = conditions.ToDictionary(c => c.Name, _ => new List<double>());
        for (var round = 0; round < options.Rounds; round++)
        {
            foreach (var (name, load) in conditions)
            {
                var (p, pCpu) = await MeasureAsync(serverPid, options.Seconds, () => load.PutAsync(options.Seconds));
                var (g, gCpu) = await MeasureAsync(serverPid, options.Seconds, () => load.GetAsync(options.Seconds));
                put[name].Add(p);
                get[name].Add(g);
                AddCpu(putCpu[name], pCpu);
                AddCpu(getCpu[name], gCpu);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"versioning round {round + 1}/{options.Rounds}  {name,-11}  PUT {p.OpsPerSecond,7:F0} ops/s p50 {p.P50Millis,6:F2} p99 {p.P99Millis,7:F2} ms{Cpu(pCpu)}"
                    + $"   GET {g.OpsPerSecond,7:F0} ops/s p50 {g.P50Millis,6:F2} p99 {g.P99Millis,7:F2} ms{Cpu(gCpu)}{Errors(p, g)}"));
            }
        }

        foreach (var (op, results) in new[] { ("PUT", put), ("GET", get) })
        {
            foreach (var (name, _) in conditions)
            {
                var r = results[name];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{op} 4 KiB c=32 {name,-11} median of {options.Rounds}: {Stats.Median(r.Select(x => x.OpsPerSecond)),7:F0} ops/s"
                    + $"  p50 {Stats.Median(r.Select(x => x.P50Millis)),6:F2} ms  p99 {Stats.Median(r.Select(x => x.P99Millis)),7:F2} ms"));
            }

            var perRound = results[Versioned].Zip(results[Unversioned], (v, u) => v.OpsPerSecond / u.OpsPerSecond).ToList();
            var ratio = Stats.Median(results[Versioned].Select(x => x.OpsPerSecond)) / Stats.Median(results[Unversioned].Select(x => x.OpsPerSecond));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{op} 4 KiB c=32 versioned/unversioned {ratio * 100:F1}% (rounds {perRound.Min() * 100:F1}% to {perRound.Max() * 100:F1}%; issue 15: at least 90%)"));
            var cpu = op == "PUT" ? putCpu : getCpu;
            if (cpu[Versioned].Count > 0 && cpu[Unversioned].Count > 0)
            {
                double versioned = Stats.Median(cpu[Versioned]), unversioned = Stats.Median(cpu[Unversioned]);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{op} 4 KiB server CPU per op, medians: unversioned {unversioned:F0} us, versioned {versioned:F0} us ({versioned / unversioned * 100:F1}%; throughput at full CPU would be {unversioned / versioned * 100:F1}%)"));
            }
        }

        var (versions, markers) = await CountVersionsAsync(client, versionedBucket);
        var (plainVersions, _) = await CountVersionsAsync(client, plainBucket);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"versioning: {versionedBucket} holds {versions} versions of {Keys} keys ({markers} delete markers; {conditions[1].Load.Written} PUTs acknowledged); {plainBucket} holds {plainVersions}"));
    }

    /// <summary>Runs one phase; with a server process id, also its CPU microseconds per operation.</summary>
    private static async Task<(LoadResult Result, double? CpuMicros)> MeasureAsync(int? pid, double seconds, Func<Task<LoadResult>> phase)
    {
        var before = ServerCpu.Seconds(pid);
        var result = await phase();
        var after = ServerCpu.Seconds(pid);
        double operations = result.OpsPerSecond * seconds;
        return (result, before is { } b && after is { } a && operations > 0 ? (a - b) / operations * 1e6 : null);
    }

    private static void AddCpu(List<double> into, double? micros)
    {
        if (micros is { } value)
        {
            into.Add(value);
        }
    }

    private static string Cpu(double? micros) =>
        micros is { } value ? string.Create(CultureInfo.InvariantCulture, $" cpu {value,4:F0} us/op") : string.Empty;

    private static string Errors(LoadResult put, LoadResult get) =>
        put.Errors + get.Errors == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"  errors PUT {put.Errors} GET {get.Errors}");

    /// <summary>Pages through ListObjectVersions: the versions the server holds, not the PUTs the benchmark counted.</summary>
    private static async Task<(long Versions, long DeleteMarkers)> CountVersionsAsync(S3BenchClient client, string bucket)
    {
        long versions = 0, markers = 0;
        string? keyMarker = null, versionMarker = null;
        var truncated = true;
        while (truncated)
        {
            var query = "?versions&max-keys=1000"
                + (keyMarker is null ? string.Empty : "&key-marker=" + Uri.EscapeDataString(keyMarker))
                + (versionMarker is null ? string.Empty : "&version-id-marker=" + Uri.EscapeDataString(versionMarker));
            await client.SendAsync(HttpMethod.Get, "/" + bucket + query, null, async response =>
            {
                var doc = XDocument.Parse(await response.Content.ReadAsStringAsync());
                var ns = doc.Root!.Name.Namespace;
                versions += doc.Root.Elements(ns + "Version").Count();
                markers += doc.Root.Elements(ns + "DeleteMarker").Count();
                truncated = doc.Root.Element(ns + "IsTruncated")?.Value == "true";
                keyMarker = doc.Root.Element(ns + "NextKeyMarker")?.Value;
                versionMarker = doc.Root.Element(ns + "NextVersionIdMarker")?.Value;
            });
        }

        return (versions, markers);
    }
}
