using System.Collections;
using System.Collections.Concurrent;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Nuage.Mqtt.Handlers;

/// <summary>
/// Holds a CONNECT back until the previous connection of its client id, which has sent DISCONNECT, has ended.
/// </summary>
/// <remarks>
/// MQTTnet 5 ends a connection that was not taken over by removing "the client of id X" and then deleting "the session
/// of id X" (<c>MqttClientSessionsManager.HandleClientConnectionAsync</c>'s finally, <c>DeleteSessionAsync</c>), by id
/// only. A CONNECT of the same id accepted between the two has its new session removed and disposed under it, and its
/// connection stopped: a client that disconnects and connects again at once is cut off (seen in CI as MQTTnet's
/// ObjectDisposedException in SendPacketsLoop, then the new client disconnected). The ClientDisconnected event comes
/// after that deletion, so the new CONNECT waits for it, at most <see cref="MostWait"/>. A client that disconnects and
/// connects again at once may have its new CONNECT read before its DISCONNECT, which waits on the old socket unread
/// (two sockets, two threads; seen in CI as the same disposed session): so a CONNECT whose id still has a connection
/// first gives that one <see cref="DisconnectGrace"/> to show a DISCONNECT or end, then waits for its end as above. A
/// live connection that does neither is taken over as MQTTnet does (§3.1.4), that much later.
/// </remarks>
public sealed class ReconnectOrderHandler
{
    private static readonly TimeSpan MostWait = TimeSpan.FromSeconds(2);

    /// <summary>Long enough for a DISCONNECT already sent on the old socket to be read on a busy machine, short beside a reconnect.</summary>
    private static readonly TimeSpan DisconnectGrace = TimeSpan.FromMilliseconds(100);

    private readonly ConcurrentDictionary<string, Connection> _connections = new(StringComparer.Ordinal);

    public Task ConnectedAsync(ClientConnectedEventArgs e)
    {
        var connection = new Connection(e.SessionItems);
        _connections.AddOrUpdate(e.ClientId, connection, (_, previous) =>
        {
            previous.Ended.TrySetResult();
            return connection;
        });
        return Task.CompletedTask;
    }

    /// <summary>
    /// Whether <paramref name="clientId"/> has a connection that is open and has not sent DISCONNECT: a CONNECT of that
    /// id now takes it over (§3.1.4; <see cref="TakeoverSendLoopHold"/>).
    /// </summary>
    public bool IsLive(string clientId) => _connections.TryGetValue(clientId, out var connection) && !connection.Ending;

    public Task InboundAsync(InterceptingPacketEventArgs e)
    {
        if (e.Packet is MqttDisconnectPacket && _connections.TryGetValue(e.ClientId, out var connection)
            && ReferenceEquals(connection.SessionItems, e.SessionItems))
        {
            connection.Ending = true;
            connection.DisconnectSeen.TrySetResult();
        }

        return Task.CompletedTask;
    }

    public Task DisconnectedAsync(ClientDisconnectedEventArgs e)
    {
        // Known by its session's items, so an old connection's late event never ends the newer one's entry.
        if (_connections.TryGetValue(e.ClientId, out var connection) && ReferenceEquals(connection.SessionItems, e.SessionItems)
            && _connections.TryRemove(new KeyValuePair<string, Connection>(e.ClientId, connection)))
        {
            connection.Ended.TrySetResult();
        }

        return Task.CompletedTask;
    }

    public async Task ValidatingAsync(ValidatingConnectionEventArgs e)
    {
        if (e.ReasonCode != MqttConnectReasonCode.Success || !_connections.TryGetValue(e.ClientId, out var previous))
        {
            return;
        }

        if (!previous.Ending)
        {
            await Task.WhenAny(previous.DisconnectSeen.Task, previous.Ended.Task, Task.Delay(DisconnectGrace)).ConfigureAwait(false);
            if (!previous.Ending)
            {
                // Ended meanwhile (nothing left to wait for), or live: taken over.
                return;
            }
        }

        try
        {
            await previous.Ended.Task.WaitAsync(MostWait).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Its end is slow: go on, as MQTTnet would have.
        }
    }

    private sealed class Connection(IDictionary sessionItems)
    {
        public IDictionary SessionItems { get; } = sessionItems;

        public TaskCompletionSource Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource DisconnectSeen { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public volatile bool Ending;
    }
}
