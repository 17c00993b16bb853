using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace Nuage.Mqtt.Limits;

/// <summary>
/// Flow control toward one client: at most the broker's in-flight limit (<see cref="MqttLimits.MaxInflightMessages"/>),
/// and for an MQTT 5 client at most its Receive Maximum (CONNECT, §3.1.2.11.3, §4.9), QoS 1 and 2 PUBLISHes are
/// unacknowledged at once. MQTTnet 5 reads the client's Receive Maximum but sends whatever its session queue holds, so
/// this sits between MQTTnet and the connection: a PUBLISH over the quota is held here, in order, and
/// goes out when the client's PUBACK, PUBCOMP, or PUBREC with a reason code of 0x80 or more gives quota back. QoS 0
/// messages are not counted and may pass held ones (§4.9 lets the server keep sending QoS 0; §4.6 orders messages
/// of one QoS only). When <c>holdLimit</c> PUBLISHes are held, sending waits, which leaves further messages in
/// MQTTnet's session queue, where the session's queue limit drops the oldest.
/// </summary>
internal sealed class OutboundQuota(int maximum, int holdLimit, Func<MqttPacket, CancellationToken, Task> send)
{
    private readonly SemaphoreSlim _order = new(1, 1);
    private readonly HashSet<ushort> _inFlight = [];
    private readonly Queue<MqttPublishPacket> _held = new();
    private TaskCompletionSource _room = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The client's Receive Maximum: 0 in a decoded CONNECT means the property was absent, so 65,535 (§3.1.2.11.3).</summary>
    public static int Of(MqttConnectPacket connect) => connect.ReceiveMaximum == 0 ? ushort.MaxValue : connect.ReceiveMaximum;

    /// <summary>Sends a QoS 1 or 2 PUBLISH now if the quota allows and none is held before it; holds it otherwise.</summary>
    public async Task SendAsync(MqttPublishPacket publish, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task room;
            // One decision and its write at a time, so a PUBLISH never overtakes one released before it.
            await _order.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (_inFlight.Contains(publish.PacketIdentifier) || (_held.Count == 0 && _inFlight.Count < maximum))
                {
                    // A PUBLISH sent again (same identifier) already holds its place in the quota.
                    _inFlight.Add(publish.PacketIdentifier);
                    await send(publish, cancellationToken).ConfigureAwait(false);
                    return;
                }

                if (_held.Count < holdLimit)
                {
                    _held.Enqueue(publish);
                    return;
                }

                room = _room.Task;
            }
            finally
            {
                _order.Release();
            }

            await room.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A packet from the client: an acknowledgement frees its PUBLISH's place, and held PUBLISHes go out.</summary>
    public async Task ReceivedAsync(MqttPacket packet, CancellationToken cancellationToken)
    {
        var identifier = packet switch
        {
            MqttPubAckPacket ack => ack.PacketIdentifier,
            MqttPubCompPacket complete => complete.PacketIdentifier,
            MqttPubRecPacket { ReasonCode: >= MqttPubRecReasonCode.UnspecifiedError } refused => refused.PacketIdentifier,
            _ => (ushort)0,
        };
        if (identifier == 0)
        {
            return;
        }

        await _order.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_inFlight.Remove(identifier))
            {
                return;
            }

            var released = false;
            while (_held.Count > 0 && _inFlight.Count < maximum)
            {
                var next = _held.Dequeue();
                _inFlight.Add(next.PacketIdentifier);
                released = true;
                await send(next, cancellationToken).ConfigureAwait(false);
            }

            if (released)
            {
                Interlocked.Exchange(ref _room, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            }
        }
        finally
        {
            _order.Release();
        }
    }
}
