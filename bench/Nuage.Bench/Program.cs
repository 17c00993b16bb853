using System.Diagnostics;
using System.Globalization;
using System.Xml.Linq;
using Nuage.Bench;

// Measures a running S3 endpoint (or starts ./nuage server on a temporary directory when --endpoint is not given):
// PUT/GET/DELETE of 4 KiB objects at concurrency 32, PUT/GET of 64 MiB objects at concurrency 4, and
// ListObjectsV2 pages over a bucket of 10,000 keys. Prints ops/s, MB/s, p50 and p99 per scenario. `metrics` (only
// when named) measures issue 14's targets: scrape time with 1,000 buckets, throughput with and without a scraper.
if (args is ["--help"] or ["-h"])
{
    Console.WriteLine("Nuage.Bench [--scenarios a,b] [--seconds N] [--rounds N] [--endpoint URL] [--baseline-dll PATH] ...");
    Console.WriteLine($"scenarios: {string.Join(", ", BenchOptions.AllScenarios)} (default); {string.Join(", ", BenchOptions.OptInScenarios)} (when named)");
    Console.WriteLine("every option and scenario: bench/README.md");
    return;
}

var options = BenchOptions.Parse(args);
if (options.Scenarios.SetEquals(["replication"]))
{
    // Three regions of its own; the single server the other scenarios measure is not started.
    await ReplicationScenario.RunAsync(options);
    return;
}

if (options.Scenarios.SetEquals(["listing-scale"]))
{
    // Servers of its own, one per engine, with a PostgreSQL server beside the second.
    await ListingScaleScenario.RunAsync(options);
    return;
}

// --metadata postgres: a PostgreSQL server of the benchmark's own (fsync and synchronous_commit on) under the
// started server (the tests' settings, --postgres-setting name=value over them); a postgresql:// URL: that database.
await using var postgres = options.Metadata == "postgres" ? await Nuage.Testing.PostgresCluster.StartNewAsync(options.PostgresSettings) : null;
string? metadata = postgres?.Url ?? options.Metadata;
await using var server = options.Endpoint is null ? await LocalServer.StartAsync(options, metadata) : null;
var endpoint = options.Endpoint ?? server!.Endpoint;
var signer = new SigV4Signer(options.AccessKey, options.SecretKey);
using var client = new S3BenchClient(endpoint, signer, 64);
var bucket = "bench-" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
await client.SendAsync(HttpMethod.Put, "/" + bucket, null);
Console.WriteLine($"endpoint {endpoint}  bucket {bucket}  {options.Seconds:F0} s per timed scenario  {Environment.ProcessorCount} cores");

var small = new byte[4096];
Random.Shared.NextBytes(small);
var written = 0;

// Warm-up, not measured: lets the server's JIT reach its optimised tier and the connection pool fill, so the
// first scenario is not charged for start-up.
var warmup = new LatencyRecorder("warm-up", small.Length);
await Load.RunForAsync(32, options.WarmupSeconds, async worker =>
{
    await client.SendAsync(HttpMethod.Put, $"/{bucket}/warmup/{worker}", new ByteArrayContent(small));
    await client.SendAsync(HttpMethod.Get, $"/{bucket}/warmup/{worker}", null);
}, warmup);

if (options.Scenarios.Contains("put4k") || options.Scenarios.Contains("get4k") || options.Scenarios.Contains("delete4k"))
{
    var put = new LatencyRecorder("PUT 4 KiB c=32", small.Length);
    var cpu = CpuSplit.Start(options.ServerPid ?? server?.ProcessId);
    var elapsed = await Load.RunForAsync(32, options.Seconds, async worker =>
    {
        var n = Interlocked.Increment(ref written);
        var start = Stopwatch.GetTimestamp();
        await client.SendAsync(HttpMethod.Put, $"/{bucket}/small/{n:D8}", new ByteArrayContent(small));
        put.Record(start);
    }, put);
    if (options.Scenarios.Contains("put4k"))
    {
        Console.WriteLine(put.Report(elapsed) + cpu.Report(put.Count, elapsed));
    }
}

if (options.Scenarios.Contains("get4k"))
{
    if (postgres is not null)
    {
        await PostgresSettle.RunAsync(postgres.Url);
    }


    var get = new LatencyRecorder("GET 4 KiB c=32", small.Length);
    var cpu = CpuSplit.Start(options.ServerPid ?? server?.ProcessId);
    var elapsed = await Load.RunForAsync(32, options.Seconds, async worker =>
    {
        var n = Random.Shared.Next(1, written + 1);
        var start = Stopwatch.GetTimestamp();
        await client.SendAsync(HttpMethod.Get, $"/{bucket}/small/{n:D8}", null);
        get.Record(start);
    }, get);
    Console.WriteLine(get.Report(elapsed) + cpu.Report(get.Count, elapsed));
}

if (options.Scenarios.Contains("delete4k"))
{
    var delete = new LatencyRecorder("DELETE 4 KiB c=32", 0);
    var next = 0;
    var elapsed = await Load.RunCountAsync(32, written, async () =>
    {
        var n = Interlocked.Increment(ref next);
        var start = Stopwatch.GetTimestamp();
        await client.SendAsync(HttpMethod.Delete, $"/{bucket}/small/{n:D8}", null);
        delete.Record(start);
    }, delete);
    Console.WriteLine(delete.Report(elapsed));
}

var large = new byte[64 * 1024 * 1024];
var largeWritten = 0;
if (options.Scenarios.Contains("put64m") || options.Scenarios.Contains("get64m"))
{
    Random.Shared.NextBytes(large);
    var put = new LatencyRecorder("PUT 64 MiB c=4", large.Length);
    var elapsed = await Load.RunForAsync(4, options.Seconds, async worker =>
    {
        var n = Interlocked.Increment(ref largeWritten);
        var start = Stopwatch.GetTimestamp();
        await client.SendAsync(HttpMethod.Put, $"/{bucket}/large/{n:D4}", new ReadOnlyMemoryContent(large));
        put.Record(start);
    }, put);
    if (options.Scenarios.Contains("put64m"))
    {
        Console.WriteLine(put.Report(elapsed));
    }
}

if (options.Scenarios.Contains("get64m"))
{
    var get = new LatencyRecorder("GET 64 MiB c=4", large.Length);
    var elapsed = await Load.RunForAsync(4, options.Seconds, async worker =>
    {
        var n = Random.Shared.Next(1, largeWritten + 1);
        var start = Stopwatch.GetTimestamp();
        await client.SendAsync(HttpMethod.Get, $"/{bucket}/large/{n:D4}", null);
        get.Record(start);
    }, get);
    Console.WriteLine(get.Report(elapsed));
}

if (options.Scenarios.Contains("sse"))
{
    if (largeWritten == 0)
    {
        Random.Shared.NextBytes(large);
    }

    await SseScenario.RunAsync(client, options, bucket, large);
}

if (options.Scenarios.Contains("list"))
{
    var listBucket = bucket + "-list";
    await client.SendAsync(HttpMethod.Put, "/" + listBucket, null);
    var created = 0;
    var fill = new LatencyRecorder("fill list bucket", 0);
    await Load.RunCountAsync(32, options.ListKeys, async () =>
    {
        var n = Interlocked.Increment(ref created);
        await client.SendAsync(HttpMethod.Put, $"/{listBucket}/dir{n % 10}/key-{n:D6}", new ByteArrayContent(small, 0, 16));
    }, fill);

    var list = new LatencyRecorder("LIST page of 1000", 0);
    long keys = 0;
    var elapsed = await Load.RunForAsync(4, options.Seconds, async worker =>
    {
        string? token = null;
        do
        {
            var query = "?list-type=2&max-keys=1000" + (token is null ? string.Empty : "&continuation-token=" + Uri.EscapeDataString(token));
            var start = Stopwatch.GetTimestamp();
            await client.SendAsync(HttpMethod.Get, "/" + listBucket + query, null, async response =>
            {
                var doc = XDocument.Parse(await response.Content.ReadAsStringAsync());
                var ns = doc.Root!.Name.Namespace;
                Interlocked.Add(ref keys, doc.Root.Elements(ns + "Contents").Count());
                token = doc.Root.Element(ns + "NextContinuationToken")?.Value;
            });
            list.Record(start);
        }
        while (token is not null);
    }, list);
    Console.WriteLine(list.Report(elapsed));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"LIST keys",-22} {keys / elapsed.TotalSeconds,10:F0} keys/s over {options.ListKeys} keys"));
}

if (options.Scenarios.Contains("auth"))
{
    await AuthScenario.RunAsync(endpoint, options, bucket, small);
}

if (options.Scenarios.Contains("versioning"))
{
    await VersioningScenario.RunAsync(client, options, bucket, small, options.ServerPid ?? server?.ProcessId);
}

if (options.Scenarios.Contains("metrics"))
{
    // BenchOptions refused --endpoint without --console-endpoint, and a server started here printed its console.
    var console = options.ConsoleEndpoint ?? server!.ConsoleEndpoint!;
    await MetricsScenario.RunAsync(client, console, options, bucket, small);
}

if (options.Scenarios.Contains("mqtt") || options.Scenarios.Contains("mqtt-rules") || options.Scenarios.Contains("mqtt-persistent"))
{
    var parts = options.Scenarios.Contains("mqtt") ? MqttParts.All : options.Scenarios.Contains("mqtt-rules") ? MqttParts.Rules : MqttParts.Persistent;
    await MqttScenario.RunAsync(client, server?.MqttEndpoint, server?.ConsoleEndpoint, options.ServerPid ?? server?.ProcessId, options, bucket, parts);
}
