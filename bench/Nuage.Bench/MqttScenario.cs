using System.Globalization;
using MQTTnet.Protocol;

namespace Nuage.Bench;

/// <summary>
/// Issue 16's MQTT targets: end-to-end QoS 0 and QoS 1 delivery through Nuage beside Mosquitto in the same run
/// (alternating rounds, medians side by side), then rule-to-bucket durable throughput on Nuage alone.
/// </summary>
public static class MqttScenario
{
    public static async Task RunAsync(S3BenchClient s3, Uri? mqtt, Uri? console, int? serverPid, BenchOptions options, string bucket, MqttParts parts = MqttParts.All)
    {
        if (mqtt is null || console is null)
        {
            // Against --endpoint the MQTT and console ports are not known; the scenario needs a server it started.
            Console.WriteLine("mqtt: skipped, it needs the server the benchmark starts (no --endpoint)");
            return;
        }

        // --baseline-dll: another build (say the previous main) joins the rounds as "baseline", so a change is
        // measured against it and Mosquitto in the same window.
        await using var baseline = options.BaselineDll is null ? null : await LocalServer.StartBaselineAsync(options, options.BaselineDll, withMqtt: true);

        var binary = MosquittoBroker.Find();
        await using var mosquitto = binary is null ? null : await MosquittoBroker.StartAsync(binary);
        if (mosquitto is null)
        {
            Console.WriteLine("mqtt: no mosquitto binary (on PATH or /usr/sbin): the Mosquitto baseline is skipped; `apt-get install mosquitto` to compare");
        }

        Console.WriteLine($"mqtt: Nuage {mqtt.Host}:{mqtt.Port}" + (mosquitto is null ? string.Empty : $"  Mosquitto 127.0.0.1:{mosquitto.Port}")
            + $"  {MqttDelivery.PayloadBytes} B payloads, window {MqttDelivery.Window}, {options.Rounds} rounds x {options.Seconds:F0} s, client socket buffers {MqttDelivery.ClientBufferBytes} B");

        var brokers = new List<(string Name, string Host, int Port, (string, string)? Credentials, int? Pid)>
        {
            ("nuage", mqtt.Host, mqtt.Port, (options.AccessKey, options.SecretKey), serverPid),
        };
        if (baseline?.MqttEndpoint is { } baselineMqtt)
        {
            Console.WriteLine($"mqtt: baseline {options.BaselineDll} at {baselineMqtt}");
            brokers.Add(("baseline", baselineMqtt.Host, baselineMqtt.Port, (options.AccessKey, options.SecretKey), baseline.ProcessId));
        }

        if (mosquitto is not null)
        {
            brokers.Add(("mosquitto", "127.0.0.1", mosquitto.Port, null, mosquitto.ProcessId));
        }

        // Unmeasured warm-up of each: the JIT of the server and of this client's MQTTnet code reaches its optimised
        // tier before the first measured round.
        foreach (var broker in brokers)
        {
            await MqttDelivery.RunAsync(broker.Host, broker.Port, broker.Credentials, MqttQualityOfServiceLevel.AtLeastOnce, options.WarmupSeconds, "warmup/e2e", broker.Pid);
        }

        // QoS 0, QoS 1, and QoS 1 to a subscriber whose session persists (each message durable until acknowledged).
        // `--scenarios mqtt-rules` runs the rule-to-bucket part alone, `mqtt-persistent` the persistent subscriber's
        // rounds alone (to profile the server on one path, or to compare builds on it in less time).
        var deliveries = parts switch
        {
            MqttParts.Rules => [],
            MqttParts.Persistent => [(MqttQualityOfServiceLevel.AtLeastOnce, 3600u)],
            _ => new[] { (MqttQualityOfServiceLevel.AtMostOnce, 0u), (MqttQualityOfServiceLevel.AtLeastOnce, 0u), (MqttQualityOfServiceLevel.AtLeastOnce, 3600u) },
        };
        foreach (var (qos, expiry) in deliveries)
        {
            var label = expiry == 0 ? $"QoS {(int)qos}" : $"QoS {(int)qos} persistent";
            var results = brokers.ToDictionary(b => b.Name, _ => new List<MqttDelivery.Result>());
            for (var round = 0; round < options.Rounds; round++)
            {
                // The brokers take turns going first, so none always runs on a machine still busy with another.
                var order = brokers.Skip(round % brokers.Count).Concat(brokers.Take(round % brokers.Count)).ToList();
                foreach (var broker in order)
                {
                    var result = await MqttDelivery.RunAsync(broker.Host, broker.Port, broker.Credentials, qos, options.Seconds, $"e2e/{(int)qos}/{expiry}/{round}", broker.Pid, expiry);
                    results[broker.Name].Add(result);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {label} round {round + 1} {broker.Name,-10} {result.DeliveredPerSecond,9:F0} msg/s delivered  {result.SentPerSecond,9:F0} sent  p50 {result.P50Ms,7:F2} ms  p99 {result.P99Ms,7:F2} ms  broker CPU {result.CpuMicrosPerMessage,6:F1} us/msg  client CPU {result.ClientCpuMicrosPerMessage,6:F1} us/msg"));
                }
            }

            foreach (var broker in brokers)
            {
                var r = results[broker.Name];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{label} {broker.Name,-10} median {Stats.Median(r.Select(x => x.DeliveredPerSecond)),9:F0} msg/s  p50 {Stats.Median(r.Select(x => x.P50Ms)),7:F2} ms  p99 {Stats.Median(r.Select(x => x.P99Ms)),7:F2} ms  CPU {Stats.Median(r.Select(x => x.CpuMicrosPerMessage)),6:F1} us/msg  client CPU {Stats.Median(r.Select(x => x.ClientCpuMicrosPerMessage)),6:F1} us/msg  (delivered {r.Sum(x => x.Delivered)} of {r.Sum(x => x.Sent)} sent)"));
            }

            if (baseline is not null)
            {
                var n = results["nuage"];
                var m = results["baseline"];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{label} nuage/baseline {Stats.Median(n.Select(x => x.DeliveredPerSecond)) / Stats.Median(m.Select(x => x.DeliveredPerSecond)):P0}"));
            }

            if (mosquitto is not null)
            {
                var n = results["nuage"];
                var m = results["mosquitto"];
                var ratios = n.Zip(m, (a, b) => a.DeliveredPerSecond / b.DeliveredPerSecond).ToList();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{label} nuage/mosquitto {Stats.Median(n.Select(x => x.DeliveredPerSecond)) / Stats.Median(m.Select(x => x.DeliveredPerSecond)):P0} (rounds {ratios.Min():P0} .. {ratios.Max():P0}; target: at least 100%)"));
            }
        }

        using var baselineS3 = baseline is null ? null : new S3BenchClient(baseline.Endpoint, new SigV4Signer(options.AccessKey, options.SecretKey), 64);
        if (baselineS3 is not null)
        {
            await baselineS3.SendAsync(HttpMethod.Put, "/" + bucket, null);
        }

        if (parts == MqttParts.Persistent)
        {
            return;
        }

        var runs = new[]
        {
            ("32 clients, window 10", 32, 10, (TimeSpan?)null),
            ("32 clients, window 100", 32, 100, (TimeSpan?)null),
            ("1,000 devices, 1 msg/s", 1000, 1, (TimeSpan?)TimeSpan.FromSeconds(1)),
        };
        for (var i = 0; i < runs.Length; i++)
        {
            var (label, clients, window, interval) = runs[i];
            var targets = new List<(string Name, S3BenchClient S3, Uri Console, Uri Mqtt, int? Pid)> { ("nuage", s3, console, mqtt, serverPid) };
            if (baseline is not null && baselineS3 is not null)
            {
                targets.Add(("baseline", baselineS3, baseline.ConsoleEndpoint!, baseline.MqttEndpoint!, baseline.ProcessId));
            }

            // Alternating which goes first, as in the delivery rounds.
            foreach (var target in i % 2 == 0 ? targets : Enumerable.Reverse(targets))
            {
                var result = await MqttRuleToBucket.RunAsync(target.S3, target.Console, target.Mqtt.Host, target.Mqtt.Port, options, bucket, label, clients, window, interval, i + 1, target.Pid);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"rule-to-bucket {target.Name,-9} {label,-24} {result.AckedPerSecond,9:F0} msg/s acknowledged (durable)  {result.Acked} acked, {result.Lines} lines in {result.Objects} objects after {result.FlushSeconds:F1} s: {(result.Lines == result.Acked ? "match" : "MISMATCH")}  server CPU {result.CpuMicrosPerMessage:F1} us/msg"));
            }
        }
    }
}
