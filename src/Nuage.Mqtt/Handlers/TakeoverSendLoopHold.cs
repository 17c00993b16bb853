using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Nuage.Mqtt.Handlers;

/// <summary>
/// Keeps the send loop of a connection that a new CONNECT takes over (§3.1.4) off the messages MQTTnet puts back for
/// the new one (docs/iot.md "Flow control and topic aliases").
/// </summary>
/// <remarks>
/// MQTTnet 5's takeover (<c>MqttClientSessionsManager.CreateClientConnection</c>) resumes the session first
/// (<c>MqttSession.Recover</c> puts every unacknowledged QoS 1 and 2 message back on the session's queue) and only then
/// marks the old connection taken over and stops it. The old connection's send loop, idle, waits on that same queue:
/// it takes the first message put back, sees it is taken over, and drops it (or sends it on the old socket). The new
/// connection got every message but that one, which stayed unacknowledged until the next resume (seen in 5 runs of 9
/// with Receive Maximum 2 and two messages in flight).
/// <para>
/// So before MQTTnet takes a live connection's session over, a marker (a QoS 0 message on a topic no client can have,
/// never sent) is queued to the session. The idle old loop takes it and is held in the first outbound interceptor
/// while the takeover runs: until its connection is stopped (its token is cancelled), the new connection has
/// connected, or <see cref="MostHold"/> has passed. Released, it sees the takeover and ends without taking anything.
/// A loop that is not idle (writing to a stalled socket) does not reach the marker in <see cref="MostWait"/>; the
/// takeover goes on, and that loop checks for the takeover before it takes another message, as MQTTnet does.
/// </para>
/// </remarks>
public sealed class TakeoverSendLoopHold(ReconnectOrderHandler connections, int maxQueuedMessagesPerSession)
{
    /// <summary>How long a CONNECT waits for the old loop to take the marker: an idle loop takes it at once.</summary>
    private static readonly TimeSpan MostWait = TimeSpan.FromSeconds(1);

    /// <summary>How long the old loop is held at most, should the takeover not come (the new connection failed).</summary>
    private static readonly TimeSpan MostHold = TimeSpan.FromSeconds(5);

    // Known by reference: a client's topic is a string decoded from its packet, never this instance. Outside every
    // account's namespace, so OutboundTopicHandler would not send it either.
    private static readonly string MarkerTopic = new("$nuage/takeover".AsSpan());

    private readonly ConcurrentDictionary<string, Hold> _holds = new(StringComparer.Ordinal);
    private MqttServer? _server;

    public void Bind(MqttServer server) => _server = server;

    /// <summary>ValidatingConnectionAsync, after every handler that may refuse the CONNECT.</summary>
    public async Task ValidatedAsync(ValidatingConnectionEventArgs e)
    {
        if (e.ReasonCode != MqttConnectReasonCode.Success || e.CleanSession != false || _server is null || !connections.IsLive(e.ClientId))
        {
            // Refused; a clean start discards the old session, queue and all; or no connection to take over.
            return;
        }

        // At its limit, MQTTnet would drop the oldest queued message to make room for the marker; a queue that full
        // means the old loop is stuck writing, not idle.
        var session = await _server.FindSessionAsync(e.ClientId).ConfigureAwait(false);
        if (session is null || session.PendingApplicationMessagesCount >= maxQueuedMessagesPerSession - 1)
        {
            return;
        }

        var hold = new Hold();
        _holds.AddOrUpdate(e.ClientId, hold, (_, previous) =>
        {
            previous.Released.TrySetResult();
            return hold;
        });
        if (session.TryEnqueueApplicationMessage(new MqttApplicationMessage { Topic = MarkerTopic }, out _))
        {
            await Task.WhenAny(hold.Held.Task, Task.Delay(MostWait)).ConfigureAwait(false);
        }
    }

    /// <summary>InterceptingOutboundPacketAsync, first: the marker is never sent, and the loop that took it waits here.</summary>
    public Task SendingAsync(InterceptingPacketEventArgs e) =>
        e.Packet is MqttPublishPacket publish && ReferenceEquals(publish.Topic, MarkerTopic) ? HoldAsync(e) : Task.CompletedTask;

    private async Task HoldAsync(InterceptingPacketEventArgs e)
    {
        e.ProcessPacket = false;
        if (!_holds.TryGetValue(e.ClientId, out var hold))
        {
            return;
        }

        hold.Held.TrySetResult();
        try
        {
            await hold.Released.Task.WaitAsync(MostHold, e.CancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            // Stopped by the takeover (the usual end), or no takeover came.
        }
    }

    /// <summary>ClientConnectedAsync: the new connection is in place and the old one marked taken over.</summary>
    public Task ConnectedAsync(ClientConnectedEventArgs e)
    {
        if (_holds.TryRemove(e.ClientId, out var hold))
        {
            hold.Released.TrySetResult();
        }

        return Task.CompletedTask;
    }

    private sealed class Hold
    {
        public TaskCompletionSource Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
