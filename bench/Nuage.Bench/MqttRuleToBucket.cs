using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using MQTTnet;
using MQTTnet.Protocol;

namespace Nuage.Bench;

/// <summary>
/// Issue 16's rule-to-bucket target, on Nuage only (Mosquitto has no rules): a bucket, a rule writing `bench/#` into it,
/// then many MQTT 5 clients publishing QoS 1 256-byte JSON messages. Nuage sends a PUBACK only once the message is
/// durably spooled (docs/iot-rules.md), so acknowledged messages per second is the durable rate. After the flush it
/// counts the lines of the batch objects, which must equal the acknowledged count (none lost, none doubled).
/// </summary>
public static class MqttRuleToBucket
{
    /// <summary>The operator's root key is the root of this account (docs/iot.md).</summary>
    private const string Account = "000000000000";

    public sealed record Result(string Label, double AckedPerSecond, long Acked, long Lines, int Objects, double FlushSeconds, double CpuMicrosPerMessage);

    /// <summary>
    /// A bucket and a rule of its own per run (`bench/RUN/#` into `BUCKET`), so each run's count holds only its
    /// messages and an earlier run's late batches cannot be counted twice.
    /// </summary>
    private static async Task CreateRuleAsync(S3BenchClient s3, Uri console, BenchOptions options, string bucket, int run)
    {
        await s3.SendAsync(HttpMethod.Put, "/" + bucket, null);
        // maxAgeSeconds 1: the batches close soon after the load stops, so the count can be checked without waiting a
        // minute; under load batches close at maxMessages (10,000) well before that.
        var body = $$"""{"ruleName":"bench{{run}}","topicFilter":"bench/{{run}}/#","bucket":"{{bucket}}","prefix":"bench","maxAgeSeconds":1}""";
        var bytes = Encoding.UTF8.GetBytes(body);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(console, $"/api/iot/accounts/{Account}/rules"))
        {
            Content = new ByteArrayContent(bytes),
        };
        request.Content.Headers.ContentType = new("application/json");
        new SigV4Signer(options.AccessKey, options.SecretKey, service: "nuage-admin").Sign(request, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"CreateTopicRule: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>
    /// <paramref name="clients"/> connections, each keeping <paramref name="window"/> QoS 1 publishes in flight, or,
    /// with <paramref name="interval"/>, each sending one message per interval (devices reporting on a timer).
    /// </summary>
    public static async Task<Result> RunAsync(S3BenchClient s3, Uri console, string host, int port, BenchOptions options, string bucketBase,
        string label, int clients, int window, TimeSpan? interval, int run, int? serverPid)
    {
        var bucket = $"{bucketBase}-rule{run}";
        await CreateRuleAsync(s3, console, options, bucket, run);
        var factory = new MqttClientFactory();
        var connections = new List<IMqttClient>();
        var pace = Stopwatch.StartNew();
        for (var c = 0; c < clients; c++)
        {
            // The server admits 100 CONNECTs a second from one address (bursts to 200): pace to stay under it.
            if (c >= 100)
            {
                var due = TimeSpan.FromMilliseconds((c - 100) * 12);
                if (pace.Elapsed < due)
                {
                    await Task.Delay(due - pace.Elapsed);
                }
            }

            var client = factory.CreateMqttClient();
            await client.ConnectAsync(MqttDelivery.Options(host, port, (options.AccessKey, options.SecretKey), $"bench-dev-{run}-{c:D4}"));
            connections.Add(client);
        }

        long acked = 0;
        var stop = false;
        var cpuBefore = ServerCpu.Seconds(serverPid);
        var watch = Stopwatch.StartNew();
        var workers = connections.SelectMany((client, c) => Enumerable.Range(0, window).Select(async w =>
        {
            var topic = $"bench/{run}/dev-{c:D4}";
            long seq = 0;
            using var timer = interval is { } period ? new PeriodicTimer(period) : null;
            if (timer is not null)
            {
                // Spread the devices over the interval, as real ones are not synchronised.
                await Task.Delay(TimeSpan.FromTicks(interval!.Value.Ticks * c / clients));
            }

            while (!Volatile.Read(ref stop))
            {
                var payload = Payload(c, w, seq++);
                var message = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
                var result = await client.PublishAsync(message);
                if (result.IsSuccess)
                {
                    Interlocked.Increment(ref acked);
                }

                if (timer is not null && !await timer.WaitForNextTickAsync())
                {
                    break;
                }
            }
        })).ToArray();
        await Task.Delay(TimeSpan.FromSeconds(options.Seconds));
        Volatile.Write(ref stop, true);
        await Task.WhenAll(workers);
        var elapsed = watch.Elapsed.TotalSeconds;
        var ackedCount = Interlocked.Read(ref acked);
        // Server CPU while publishing, per acknowledged message: the MQTT path and the spool's commits (the flusher
        // runs alongside, so its share of the batches written meanwhile is in it too).
        var cpu = cpuBefore is { } b && ServerCpu.Seconds(serverPid) is { } a && ackedCount > 0 ? (a - b) * 1e6 / ackedCount : double.NaN;
        foreach (var client in connections)
        {
            await client.DisconnectAsync();
            client.Dispose();
        }

        // Wait for the flusher: the count is final once it matches, or once it has not moved for 15 s (a shortfall
        // is then reported, not waited on forever).
        var flush = Stopwatch.StartNew();
        var (lines, objects) = (0L, 0);
        var lastChange = Stopwatch.StartNew();
        while (true)
        {
            var (l, o) = await CountLinesAsync(s3, bucket, "bench/");
            if (l != lines)
            {
                lastChange.Restart();
            }

            (lines, objects) = (l, o);
            if (lines >= ackedCount || lastChange.Elapsed > TimeSpan.FromSeconds(15))
            {
                break;
            }

            await Task.Delay(500);
        }

        return new Result(label, ackedCount / Math.Min(elapsed, options.Seconds + 0.001), ackedCount, lines, objects, flush.Elapsed.TotalSeconds, cpu);
    }

    /// <summary>A 256-byte JSON object (the issue's message size), padded with a filler field.</summary>
    private static byte[] Payload(int device, int slot, long seq)
    {
        var head = string.Create(CultureInfo.InvariantCulture, $$"""{"device":"dev-{{device:D4}}","slot":{{slot}},"seq":{{seq}},"temperature":21.5,"pad":" """);
        var json = head.TrimEnd() + new string('x', MqttDelivery.PayloadBytes - head.TrimEnd().Length - 2) + "\"}";
        return Encoding.UTF8.GetBytes(json);
    }

    /// <summary>ListObjectsV2 over the rule's prefix and a GET of each batch object, counting its JSON lines.</summary>
    private static async Task<(long Lines, int Objects)> CountLinesAsync(S3BenchClient s3, string bucket, string prefix)
    {
        var keys = new List<string>();
        string? token = null;
        do
        {
            var query = "?list-type=2&max-keys=1000&prefix=" + Uri.EscapeDataString(prefix) + (token is null ? string.Empty : "&continuation-token=" + Uri.EscapeDataString(token));
            await s3.SendAsync(HttpMethod.Get, "/" + bucket + query, null, async response =>
            {
                var doc = XDocument.Parse(await response.Content.ReadAsStringAsync());
                var ns = doc.Root!.Name.Namespace;
                keys.AddRange(doc.Root.Elements(ns + "Contents").Select(c => c.Element(ns + "Key")!.Value));
                token = doc.Root.Element(ns + "NextContinuationToken")?.Value;
            });
        }
        while (token is not null);

        long lines = 0;
        foreach (var key in keys)
        {
            await s3.SendAsync(HttpMethod.Get, "/" + bucket + "/" + string.Join('/', key.Split('/').Select(Uri.EscapeDataString)), null, async response =>
            {
                var bytes = await response.Content.ReadAsByteArrayAsync();
                lines += bytes.AsSpan().Count((byte)'\n') + (bytes.Length > 0 && bytes[^1] != (byte)'\n' ? 1 : 0);
            });
        }

        return (lines, keys.Count);
    }
}
