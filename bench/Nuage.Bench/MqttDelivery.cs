using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using MQTTnet;
using MQTTnet.Protocol;

namespace Nuage.Bench;

/// <summary>
/// One round of end-to-end delivery through a broker: one MQTT 5 publisher, one MQTT 5 subscriber on the same topic,
/// payloads (256 bytes unless --mqtt-payload says otherwise) carrying the send time, for a fixed time. The same code
/// runs against Nuage and Mosquitto.
/// </summary>
public static class MqttDelivery
{
    /// <summary>The payload size (--mqtt-payload): the 256 bytes, or larger to see how the in-flight limit holds up.</summary>
    public static int PayloadBytes { get; set; } = 256;

    /// <summary>
    /// Publishes in flight at once. For QoS 1 this is the window of unacknowledged PUBLISHes (each PublishAsync awaits
    /// its PUBACK); for QoS 0 it bounds the sends queued in the client, so a broker slower than the publisher sees
    /// back-pressure from the socket instead of an unbounded queue in this process.
    /// </summary>
    public const int Window = 100;

    /// <summary>
    /// CpuMicrosPerMessage: the broker process's CPU time (/proc) over the round per delivered message, which unlike
    /// msg/s does not move with the other load on the machine; NaN when the process is not known.
    /// </summary>
    public sealed record Result(double DeliveredPerSecond, double SentPerSecond, double P50Ms, double P99Ms, long Delivered, long Sent, double CpuMicrosPerMessage, double ClientCpuMicrosPerMessage);

    /// <param name="subscriberSessionExpiry">
    /// Above 0: the subscriber's session persists (clean start 0, this Session Expiry Interval), so Nuage keeps each of
    /// its QoS 1 messages durably until acknowledged (docs/iot.md "Persistence").
    /// </param>
    public static async Task<Result> RunAsync(
        string host, int port, (string User, string Password)? credentials, MqttQualityOfServiceLevel qos, double seconds, string topic, int? brokerPid,
        uint subscriberSessionExpiry = 0)
    {
        var factory = new MqttClientFactory();
        using var subscriber = factory.CreateMqttClient();
        using var publisher = factory.CreateMqttClient();
        // Latencies in Stopwatch ticks, written by the subscriber's receive handler (MQTTnet calls it one message at a
        // time per client); preallocated so recording costs no allocation the brokers would be charged for.
        var latencies = new long[4_000_000];
        long delivered = 0;
        var measuring = false;
        subscriber.ApplicationMessageReceivedAsync += e =>
        {
            var payload = e.ApplicationMessage.Payload;
            if (measuring && payload.Length >= 8)
            {
                Span<byte> stamp = stackalloc byte[8];
                payload.Slice(0, 8).CopyTo(stamp);
                var latency = Stopwatch.GetTimestamp() - BinaryPrimitives.ReadInt64LittleEndian(stamp);
                var n = Interlocked.Increment(ref delivered) - 1;
                if (n < latencies.Length)
                {
                    latencies[n] = latency;
                }
            }

            return Task.CompletedTask;
        };

        await subscriber.ConnectAsync(Options(host, port, credentials, "bench-sub-" + Guid.NewGuid().ToString("N")[..8], subscriberSessionExpiry));
        await subscriber.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(f => f.WithTopic(topic).WithQualityOfServiceLevel(qos)).Build());
        await publisher.ConnectAsync(Options(host, port, credentials, "bench-pub-" + Guid.NewGuid().ToString("N")[..8]));

        long sent = 0;
        var stop = false;
        measuring = true;
        var cpuBefore = ServerCpu.Seconds(brokerPid);
        var clientCpuBefore = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        var watch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, Window).Select(async _ =>
        {
            var payload = new byte[PayloadBytes];
            while (!Volatile.Read(ref stop))
            {
                BinaryPrimitives.WriteInt64LittleEndian(payload, Stopwatch.GetTimestamp());
                var message = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(qos).Build();
                await publisher.PublishAsync(message);
                Interlocked.Increment(ref sent);
            }
        }).ToArray();
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        Volatile.Write(ref stop, true);
        await Task.WhenAll(workers);
        var sentCount = Interlocked.Read(ref sent);
        // Messages still on their way count as delivered when they arrive within a second of the last send; the rate
        // is over the publishing time, which is what a sustained stream would see.
        var drainUntil = Stopwatch.GetTimestamp() + Stopwatch.Frequency;
        while (Interlocked.Read(ref delivered) < sentCount && Stopwatch.GetTimestamp() < drainUntil)
        {
            await Task.Delay(10);
        }

        var elapsed = watch.Elapsed.TotalSeconds;
        measuring = false;
        var cpuAfter = ServerCpu.Seconds(brokerPid);
        var clientCpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - clientCpuBefore;
        var deliveredCount = Interlocked.Read(ref delivered);
        var publishSeconds = Math.Min(elapsed, seconds + 0.001);
        var recorded = (int)Math.Min(deliveredCount, latencies.Length);
        Array.Sort(latencies, 0, recorded);
        double Ms(double p) => recorded == 0 ? double.NaN : latencies[Math.Min(recorded - 1, (int)(p * recorded))] * 1000.0 / Stopwatch.Frequency;

        await publisher.DisconnectAsync();
        // A persistent session is ended (DISCONNECT with expiry 0, MQTT 5 §3.14.2.2.2) so it keeps nothing afterwards.
        await subscriber.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithSessionExpiryInterval(0).Build());
        var cpu = cpuBefore is { } b && cpuAfter is { } a && deliveredCount > 0 ? (a - b) * 1e6 / deliveredCount : double.NaN;
        return new Result(deliveredCount / publishSeconds, sentCount / publishSeconds, Ms(0.50), Ms(0.99), deliveredCount, sentCount, cpu,
            deliveredCount > 0 ? clientCpu * 1e6 / deliveredCount : double.NaN);
    }

    /// <summary>
    /// SO_RCVBUF and SO_SNDBUF of the benchmark's MQTT clients (--mqtt-client-buffer): MQTTnet's client sets both to
    /// 8 KiB unless told otherwise, where mosquitto_sub, paho and most clients leave the kernel's autotuned default.
    /// </summary>
    public static int ClientBufferBytes { get; set; } = new MqttClientTcpOptions().BufferSize;

    public static MqttClientOptions Options(string host, int port, (string User, string Password)? credentials, string clientId, uint sessionExpiry = 0)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithClientId(clientId)
            .WithCleanStart(sessionExpiry == 0)
            .WithSessionExpiryInterval(sessionExpiry)
            .WithTimeout(TimeSpan.FromSeconds(30));
        if (credentials is { } c)
        {
            builder.WithCredentials(c.User, c.Password);
        }

        var options = builder.Build();
        ((MqttClientTcpOptions)options.ChannelOptions).BufferSize = ClientBufferBytes;
        return options;
    }
}
