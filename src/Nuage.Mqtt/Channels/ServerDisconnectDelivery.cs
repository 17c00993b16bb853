namespace Nuage.Mqtt.Channels;

/// <summary>
/// Holds a DISCONNECT the broker sends until the client has had it: the send completes once the client closed its
/// end (it does on reading the DISCONNECT, MQTT 5 §4.13) or after <see cref="Wait"/>.
/// </summary>
/// <remarks>
/// Why: MQTTnet's server sends its DISCONNECT (MqttConnectedClient.StopAsync) and at once cancels the connection's
/// receive loop. Over Kestrel's TCP transport, MQTTnet.AspNetCore's MqttConnectionContext answers the cancellation of a
/// read in flight by completing the output pipe *with the exception*, and Kestrel then drops what the pipe still holds,
/// the DISCONNECT included: a client whose credential was revoked saw its connection close with no reason code (0x00 as
/// MQTTnet's client reports it) instead of 0x87. While the send waits, the read is not cancelled yet and sees the
/// client's close.
/// <list type="bullet">
/// <item>A DISCONNECT sent from within the receive loop (by a handler of the packet just read, MalformedPacketGuard)
/// leaves at once: no read is in flight, and the loop ends without reading again.</item>
/// <item>A session taken over (0x8E) does not wait: the old connection is often a dead one, and the new CONNECT's
/// CONNACK waits for this send.</item>
/// <item>The server shutting down (0x8B) waits too, but for all clients at once (MqttBroker.StopAsync), not one after
/// the other as MQTTnet's stop would send it.</item>
/// </list>
/// </remarks>
public sealed class ServerDisconnectDelivery
{
    /// <summary>The longest a DISCONNECT waits for the client to close before the connection is closed anyway.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(1);

    private TaskCompletionSource? _clientClosed;
    private volatile bool _reading;

    /// <summary>
    /// Sends the DISCONNECT with <paramref name="send"/>, then, when the receive loop is reading, waits for
    /// <see cref="ConnectionEnded"/> or <see cref="Wait"/>.
    /// </summary>
    public async Task SendAsync(Func<Task> send, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(send);
        if (!_reading)
        {
            await send().ConfigureAwait(false);
            return;
        }

        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _clientClosed, closed);
        await send().ConfigureAwait(false);
        try
        {
            await closed.Task.WaitAsync(Wait, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The client kept its end open: the connection closes now all the same.
        }
    }

    /// <summary>The receive loop waits for the client's next packet (true) or has one (false).</summary>
    public void Reading(bool reading) => _reading = reading;

    /// <summary>The connection's receive loop ended (the client closed, or the connection broke).</summary>
    public void ConnectionEnded() => Volatile.Read(ref _clientClosed)?.TrySetResult();
}
