using System.Collections.Concurrent;
using System.Diagnostics;
using MQTTnet.Server;

namespace Nuage.Mqtt.Limits;

/// <summary>
/// Slows a publisher to what its subscribers take, instead of letting their session queues overflow (docs/iot.md
/// "Back-pressure"). MQTTnet's server reads a publisher as fast as it can and enqueues each message into every
/// matching session synchronously; at <see cref="MqttLimits.MaxQueuedMessagesPerSession"/> the queue drops, so a
/// publisher faster than a subscriber loses most of its messages to it (QoS 0 and 1 alike). This runs last in MQTTnet's
/// enqueue hook, which the server awaits inside the publisher's packet loop: while the receiver's queue is at the high
/// mark it waits there, the publisher's next packet is not read, and TCP's own flow control slows the sender, as a
/// single-threaded broker such as Mosquitto does by only reading as fast as it writes.
/// </summary>
/// <remarks>
/// The wait is bounded so that a subscriber cannot hold its publishers: a receiver whose queue has not moved for
/// <see cref="StallTime"/> (a client that stopped reading, a network that stopped taking bytes) is marked stalled and
/// no publisher waits for it until its queue is back under half the mark; its overflow then drops as before. Only
/// connected clients' messages wait (the broker's own, from shadows, rules, wills and storage events, never do), and
/// never for the sender's own session, whose sending may itself be waiting for acknowledgements the paused read
/// would bring. The wait only delays a message already authorized and in its account's namespace; what is delivered
/// to whom is unchanged.
/// </remarks>
public sealed class SubscriberBackpressure(MqttLimits limits, ConnectedClients clients)
{
    /// <summary>
    /// How long a receiver's queue may sit unmoved at the mark before publishers stop waiting for it. Seconds, not
    /// less: Linux wakes a blocked writer only once half of a full send buffer (autotuned up to megabytes) has
    /// drained, so a subscriber that reads slowly but steadily leaves its queue unmoved for a second or more.
    /// </summary>
    public static readonly TimeSpan StallTime = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, Receiver> _receivers = new(StringComparer.Ordinal);
    private MqttServer? _server;

    /// <summary>Queue length at which publishers wait (<see cref="MqttLimits.QueueHighMark"/>).</summary>
    private int HighMark => limits.QueueHighMark;

    public void Bind(MqttServer server) => _server = server;

    public async Task DeliveringAsync(InterceptingClientApplicationMessageEnqueueEventArgs e)
    {
        if (!e.AcceptEnqueue
            || _server is null
            || e.SenderClientId == e.ReceiverClientId
            || clients.Find(e.SenderClientId) is null
            || clients.Find(e.ReceiverClientId) is null)
        {
            return;
        }

        var receiver = await ReceiverAsync(e.ReceiverClientId).ConfigureAwait(false);
        if (receiver is null)
        {
            return;
        }

        var pending = receiver.Session.PendingApplicationMessagesCount;
        var high = HighMark;
        if (receiver.Stalled)
        {
            if (pending >= high / 2)
            {
                return;
            }

            receiver.Stalled = false;
        }

        if (pending < high)
        {
            return;
        }

        var lastMoved = Stopwatch.GetTimestamp();
        var lastPending = pending;
        while (pending >= high)
        {
            // Polled rather than signalled: the send loop that drains the queue is MQTTnet's, and a millisecond is
            // a small share of the queue (a subscriber takes tens of messages per millisecond) against the half of it
            // still waiting to be sent.
            await Task.Delay(1).ConfigureAwait(false);
            if (clients.Find(e.ReceiverClientId) is null)
            {
                return;
            }

            pending = receiver.Session.PendingApplicationMessagesCount;
            if (pending < lastPending)
            {
                lastMoved = Stopwatch.GetTimestamp();
            }
            else if (Stopwatch.GetElapsedTime(lastMoved) >= StallTime)
            {
                receiver.Stalled = true;
                return;
            }

            lastPending = pending;
        }
    }

    /// <summary>A new connection may come with a new MQTTnet session (clean start): its status is looked up again.</summary>
    public Task ConnectedAsync(ClientConnectedEventArgs e)
    {
        _receivers.TryRemove(e.ClientId, out _);
        return Task.CompletedTask;
    }

    public Task DeletedAsync(SessionDeletedEventArgs e)
    {
        _receivers.TryRemove(e.Id, out _);
        return Task.CompletedTask;
    }

    private async ValueTask<Receiver?> ReceiverAsync(string clientId)
    {
        if (_receivers.TryGetValue(clientId, out var known))
        {
            return known;
        }

        MqttSessionStatus session;
        try
        {
            session = await _server!.GetSessionAsync(clientId).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // No such session (it ended while the message was on its way): nothing to wait for.
            return null;
        }

        return _receivers.GetOrAdd(clientId, new Receiver(session));
    }

    /// <summary>
    /// MQTTnet's status of a receiver's session, whose pending count reads the live queue, and whether publishers have
    /// stopped waiting for it.
    /// </summary>
    private sealed class Receiver(MqttSessionStatus session)
    {
        private volatile bool _stalled;

        public MqttSessionStatus Session { get; } = session;

        public bool Stalled
        {
            get => _stalled;
            set => _stalled = value;
        }
    }
}
