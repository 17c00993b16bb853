using System.Diagnostics;
using System.Text;
using MQTTnet.Protocol;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Iot;

/// <summary>
/// Back-pressure (docs/iot.md "Back-pressure"): a publisher faster than its subscriber is slowed to the subscriber's
/// pace instead of the subscriber's session queue (1,000 messages) dropping what does not fit, and a subscriber that
/// stops reading holds its publishers back only for a bounded time.
/// </summary>
public sealed class MqttBackpressureTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>
{
    /// <summary>
    /// Far more than the session queue, the sockets' buffers and the subscriber's small receive buffer hold together
    /// (5,000 x 8 KiB is 40 MB), so without back-pressure most of them would be dropped.
    /// </summary>
    private const int Messages = 5000;

    private const int PayloadBytes = 8192;

    [Fact]
    public async Task A_slow_subscriber_gets_every_QoS_0_message_of_a_faster_publisher_in_order()
    {
        var a = await IotKeys.NewAccountAsync(fixture, "backpressure");
        await using var subscriber = await SubscribeRawAsync(a, "bp-slow", "bp/data");
        await using var publisher = await MqttTestClient.ConnectOkAsync(fixture, a);
        var publishing = PublishAllAsync(publisher, "bp/data");

        // Reads packet by packet and rests a millisecond after each: at most 1,000 messages a second, slower than the
        // publisher, but always moving.
        var received = 0;
        var deadline = Stopwatch.StartNew();
        while (received < Messages && deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            var packet = await subscriber.ReceiveAsync();
            Assert.NotNull(packet);
            var (header, body) = packet.Value;
            if ((header & 0xF0) != 0x30)
            {
                continue;
            }

            Assert.Equal(received, SequenceOf(header, body));
            received++;
            await Task.Delay(1);
        }

        Assert.Equal(Messages, received);
        await publishing;
    }

    [Fact]
    public async Task A_subscriber_that_stops_reading_holds_its_publisher_back_only_briefly()
    {
        var a = await IotKeys.NewAccountAsync(fixture, "backpressure-stall");
        // Subscribed, then never read again: its socket buffers fill, then its session queue.
        await using var stuck = await SubscribeRawAsync(a, "bp-stuck", "bp/stall");
        await using var reader = await MqttTestClient.ConnectOkAsync(fixture, a, clientId: "bp-reader");
        await reader.SubscribeOkAsync("bp/stall", MqttQualityOfServiceLevel.AtMostOnce);
        await using var publisher = await MqttTestClient.ConnectOkAsync(fixture, a);

        var watch = Stopwatch.StartNew();
        await PublishAllAsync(publisher, "bp/stall");
        // Without the bound the publisher would wait for the stuck subscriber for ever (each publish times out).
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"publishing took {watch.Elapsed}");

        // The subscriber that reads gets them all, in order.
        for (var i = 0; i < Messages; i++)
        {
            var message = await reader.NextFullAsync();
            Assert.Equal(i, SequenceOf(message.Payload.FirstSpan));
        }
    }

    /// <summary>
    /// A stream of small QoS 0 messages, 100 publishes in flight, to an MQTTnet subscriber, whose client asks for an
    /// 8 KiB receive buffer. With TCP_NODELAY on the broker's socket, each PUBLISH left as its own small segment, the
    /// subscriber's window shrank under their overhead and the stream collapsed in the kernel: megabytes sat in the
    /// broker's send buffer and left at tens of kilobytes a second (docs/performance.md, "TCP coalescing"); this test
    /// then saw no message for 10 s (twice in two runs). With Nagle on the MQTT port (MqttTcpCoalescing) it takes 6 to
    /// 7 s idle, 14 to 17 s on a loaded machine.
    /// </summary>
    [Fact]
    public async Task A_stream_of_small_QoS_0_messages_reaches_a_subscriber_with_a_small_receive_buffer_without_stalling()
    {
        const int Stream = 100_000;
        var a = await IotKeys.NewAccountAsync(fixture, "backpressure-small");
        await using var subscriber = await MqttTestClient.ConnectOkAsync(fixture, a, clientId: "bp-small-sub");
        await subscriber.SubscribeOkAsync("bp/small", MqttQualityOfServiceLevel.AtMostOnce);
        await using var publisher = await MqttTestClient.ConnectOkAsync(fixture, a, clientId: "bp-small-pub");

        var next = -1;
        var padding = new string('x', 250);
        var publishing = Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Stream)
            {
                await publisher.PublishAsync("bp/small", i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture) + padding, MqttQualityOfServiceLevel.AtMostOnce);
            }
        })));

        var seen = new bool[Stream];
        var watch = Stopwatch.StartNew();
        for (var received = 0; received < Stream; received++)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"{received} of {Stream} messages arrived in {watch.Elapsed}");
            var sequence = SequenceOf((await subscriber.NextFullAsync()).Payload.FirstSpan);
            Assert.False(seen[sequence], $"message {sequence} arrived twice");
            seen[sequence] = true;
        }

        await publishing;
    }

    private async Task<RawMqttConnection> SubscribeRawAsync(IotKeys keys, string clientId, string filter)
    {
        var connection = await RawMqttConnection.OpenAsync(fixture, receiveBufferBytes: 4096);
        await connection.SendConnectAsync(keys, clientId: clientId);
        var connAck = await connection.ReceiveAsync();
        Assert.Equal(0x20, connAck!.Value.Header);
        Assert.Equal(0x00, connAck.Value.Body[1]);
        await connection.SendSubscribeV5Async(1, filter, qos: 0);
        var subAck = await connection.ReceiveAsync();
        Assert.Equal(0x90, subAck!.Value.Header);
        return connection;
    }

    private static Task PublishAllAsync(MqttTestClient publisher, string topic) => Task.Run(async () =>
    {
        var padding = new string('x', PayloadBytes - 6);
        for (var i = 0; i < Messages; i++)
        {
            await publisher.PublishAsync(topic, i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture) + padding, MqttQualityOfServiceLevel.AtMostOnce);
        }
    });

    private static int SequenceOf(byte header, byte[] body) => SequenceOf(RawMqttConnection.PayloadOfV5Publish(header, body));

    private static int SequenceOf(ReadOnlySpan<byte> payload) => int.Parse(Encoding.ASCII.GetString(payload[..6]), System.Globalization.CultureInfo.InvariantCulture);
}
