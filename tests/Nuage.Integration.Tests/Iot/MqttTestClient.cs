using System.Text;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Iot;

/// <summary>
/// MQTTnet's client connected to the test server, keeping every message it receives in arrival order. Waits are
/// bounded (<see cref="Timeout"/>) and never fixed sleeps: to prove that nothing else arrived, a test publishes a
/// control message from this same connection and waits for it (<see cref="AssertNothingElseArrivesAsync"/>).
/// </summary>
public sealed class MqttTestClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly IMqttClient _client;
    private readonly Channel<MqttApplicationMessage> _received = Channel.CreateUnbounded<MqttApplicationMessage>();

    // Set by the client's DisconnectedAsync, hooked before CONNECT so a close right after CONNACK is seen too.
    private readonly Task<MqttClientDisconnectReason> _closed;

    private MqttTestClient(IMqttClient client, MqttClientConnectResult result, Task<MqttClientDisconnectReason> closed)
    {
        _client = client;
        ConnectResult = result;
        _closed = closed;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            // A copy: MQTTnet may reuse the payload's buffer once this handler returns.
            var message = e.ApplicationMessage;
            _received.Writer.TryWrite(new MqttApplicationMessage
            {
                Topic = message.Topic,
                Payload = new System.Buffers.ReadOnlySequence<byte>(System.Buffers.BuffersExtensions.ToArray(message.Payload)),
                Retain = message.Retain,
                QualityOfServiceLevel = message.QualityOfServiceLevel,
                ContentType = message.ContentType,
                UserProperties = message.UserProperties?.ToList(),
                MessageExpiryInterval = message.MessageExpiryInterval,
                SubscriptionIdentifiers = message.SubscriptionIdentifiers?.ToList(),
            });
            return Task.CompletedTask;
        };
    }

    public MqttClientConnectResult ConnectResult { get; }

    public bool IsConnected => _client.IsConnected;

    /// <summary>Connects with <paramref name="keys"/> (or none); the result is in <see cref="ConnectResult"/>, refused or not.</summary>
    public static Task<MqttTestClient> ConnectAsync(
        NuageServerFixture fixture, IotKeys? keys, MqttTransport transport = MqttTransport.Tcp, MqttProtocolVersion version = MqttProtocolVersion.V500,
        string? clientId = null, Action<MqttClientOptionsBuilder>? configure = null) =>
        ConnectAsync(fixture.Server, keys, transport, version, clientId, configure);

    /// <summary>The same, to a server a test started itself.</summary>
    public static async Task<MqttTestClient> ConnectAsync(
        NuageProcess server, IotKeys? keys, MqttTransport transport = MqttTransport.Tcp, MqttProtocolVersion version = MqttProtocolVersion.V500,
        string? clientId = null, Action<MqttClientOptionsBuilder>? configure = null)
    {
        var fixture = server;
        var builder = new MqttClientOptionsBuilder()
            .WithProtocolVersion(version)
            .WithClientId(clientId ?? "test-" + Guid.NewGuid().ToString("N")[..12])
            .WithTimeout(Timeout);
        builder = transport == MqttTransport.Tcp
            ? builder.WithTcpServer(fixture.MqttEndpoint.Host, fixture.MqttEndpoint.Port)
            : builder.WithWebSocketServer(ws => ws.WithUri(fixture.MqttWebSocketUri.ToString()));
        if (keys is not null)
        {
            builder = builder.WithCredentials(keys.AccessKeyId, keys.Secret);
        }

        configure?.Invoke(builder);
        var client = new MqttClientFactory().CreateMqttClient();
        var closed = new TaskCompletionSource<MqttClientDisconnectReason>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.DisconnectedAsync += e =>
        {
            closed.TrySetResult(e.Reason);
            return Task.CompletedTask;
        };
        var result = await client.ConnectAsync(builder.Build()).WaitAsync(Timeout);
        return new MqttTestClient(client, result, closed.Task);
    }

    /// <summary>Options for a session that outlives its connection: clean start 0 and a Session Expiry Interval (MQTT 5 §3.1.2.11.2).</summary>
    public static Action<MqttClientOptionsBuilder> Persistent(uint expirySeconds) =>
        builder => builder.WithCleanStart(false).WithSessionExpiryInterval(expirySeconds);

    /// <summary>Connects and fails the test unless the broker accepted the CONNECT.</summary>
    public static async Task<MqttTestClient> ConnectOkAsync(
        NuageServerFixture fixture, IotKeys keys, MqttTransport transport = MqttTransport.Tcp, MqttProtocolVersion version = MqttProtocolVersion.V500,
        string? clientId = null)
    {
        var client = await ConnectAsync(fixture, keys, transport, version, clientId);
        Assert.Equal(MqttClientConnectResultCode.Success, client.ConnectResult.ResultCode);
        return client;
    }

    /// <summary>Subscribes to one filter and returns SUBACK's code for it.</summary>
    public async Task<MqttClientSubscribeResultCode> SubscribeAsync(string filter, MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtLeastOnce)
    {
        var result = await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, qos).Build()).WaitAsync(Timeout);
        return Assert.Single(result.Items).ResultCode;
    }

    /// <summary>Subscribes with every subscription option the caller set (no local, retain handling...); SUBACK's code.</summary>
    public async Task<MqttClientSubscribeResultCode> SubscribeWithOptionsAsync(MQTTnet.Packets.MqttTopicFilter filter)
    {
        var result = await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter).Build()).WaitAsync(Timeout);
        return Assert.Single(result.Items).ResultCode;
    }

    /// <summary>Subscribes to one filter with an MQTT 5 Subscription Identifier (§3.8.2.1.2) and fails the test unless SUBACK granted it.</summary>
    public async Task SubscribeOkAsync(string filter, uint identifier)
    {
        var result = await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce).WithSubscriptionIdentifier(identifier).Build()).WaitAsync(Timeout);
        var code = Assert.Single(result.Items).ResultCode;
        Assert.True((int)code <= 2, $"SUBACK refused {filter}: {code}");
    }

    /// <summary>Subscribes and fails the test unless SUBACK granted the filter.</summary>
    public async Task SubscribeOkAsync(string filter, MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtLeastOnce)
    {
        var code = await SubscribeAsync(filter, qos);
        Assert.True((int)code <= 2, $"SUBACK refused {filter}: {code}");
    }

    /// <summary>Unsubscribes from one filter and returns UNSUBACK's code for it.</summary>
    public async Task<MqttClientUnsubscribeResultCode> UnsubscribeAsync(string filter)
    {
        var result = await _client.UnsubscribeAsync(new MqttClientUnsubscribeOptionsBuilder().WithTopicFilter(filter).Build()).WaitAsync(Timeout);
        return Assert.Single(result.Items).ResultCode;
    }

    public async Task<MqttClientPublishResult> PublishAsync(
        string topic, string payload, MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtLeastOnce, bool retain = false) =>
        await _client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(qos).WithRetainFlag(retain).Build()).WaitAsync(Timeout);

    public async Task<MqttClientPublishResult> PublishMessageAsync(MqttApplicationMessage message) =>
        await _client.PublishAsync(message).WaitAsync(Timeout);

    /// <summary>The next message received, within <see cref="Timeout"/>.</summary>
    public async Task<ReceivedMessage> NextAsync()
    {
        return Received(await NextFullAsync());
    }

    /// <summary>A message already received, without waiting; false when none has arrived that was not read yet.</summary>
    public bool TryNext(out ReceivedMessage message)
    {
        if (_received.Reader.TryRead(out var full))
        {
            message = Received(full);
            return true;
        }

        message = default!;
        return false;
    }

    private static ReceivedMessage Received(MqttApplicationMessage message) =>
        new(message.Topic, Encoding.UTF8.GetString(message.Payload), message.Retain, (int)message.QualityOfServiceLevel);

    /// <summary>The next message received with its MQTT 5 properties, within <see cref="Timeout"/>.</summary>
    public async Task<MqttApplicationMessage> NextFullAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            return await _received.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"No message arrived within {Timeout.TotalSeconds} s.");
        }
    }

    /// <summary>
    /// Proves that no message other than those already read arrived before now: publishes a control message (QoS 1,
    /// so the broker has queued anything sent earlier) to a topic this client subscribes to, and checks it is the
    /// next message. Messages from one connection are delivered in order (MQTT 5 §4.6), and the broker queues a
    /// message for its subscribers before it acknowledges it, so whatever had been misrouted to this client would
    /// have arrived first.
    /// </summary>
    public async Task AssertNothingElseArrivesAsync()
    {
        var control = "control/" + Guid.NewGuid().ToString("N");
        await SubscribeOkAsync(control);
        var published = await PublishAsync(control, "control");
        Assert.True(published.IsSuccess, $"control publish refused: {published.ReasonCode}");
        var next = await NextAsync();
        Assert.True(next.Topic == control, $"Expected only the control message, but received {next}.");
    }

    /// <summary>
    /// The reason the connection ended, once it has: under MQTT 5 the reason code of the server's DISCONNECT
    /// (§3.14.2.1). Fails the test when the connection is still open after <paramref name="within"/> (<see cref="Timeout"/>).
    /// </summary>
    public async Task<MqttClientDisconnectReason> ClosedByServerAsync(TimeSpan? within = null)
    {
        var wait = within ?? Timeout;
        try
        {
            return await _closed.WaitAsync(wait);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"the broker kept the connection open for {wait.TotalSeconds:0} s");
            throw;
        }
    }

    /// <summary>Drops the connection without DISCONNECT, as a device losing power would: the broker then sends the will.</summary>
    public void Abort() => _client.Dispose();

    /// <summary>Sends DISCONNECT with <paramref name="reason"/> (MQTT 5 §3.14.2.1), e.g. 0x04 to have the will sent.</summary>
    public async Task DisconnectAsync(MqttClientDisconnectOptionsReason reason) =>
        await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(reason).Build()).WaitAsync(Timeout);

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            try
            {
                await _client.DisconnectAsync();
            }
            catch (MQTTnet.Exceptions.MqttCommunicationException)
            {
                // The server went away (a test killed it) before the client noticed: there is nothing to disconnect.
            }
        }

        _client.Dispose();
    }
}
