using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace Nuage.Mqtt.Limits;

/// <summary>
/// The QoS 1 and 2 PUBLISHes one MQTT 5 client has sent that the broker has not finished acknowledging, counted
/// against the Receive Maximum the broker announced (§3.2.2.3.3, §4.9). A PUBLISH counts from its arrival until the
/// broker sends its PUBACK, its PUBCOMP, or a PUBREC with a reason code of 0x80 or more (§4.9: the moments the client's
/// send quota comes back). Kept by packet identifier, so a PUBLISH sent again with the same identifier (DUP, §4.4)
/// does not count twice.
/// </summary>
internal sealed class InboundQuota(int maximum)
{
    private readonly HashSet<ushort> _unacknowledged = [];

    /// <summary>Counts an arriving PUBLISH; false when it is one more than the Receive Maximum allows.</summary>
    public bool TryReceive(MqttPublishPacket publish)
    {
        if (publish.QualityOfServiceLevel == MqttQualityOfServiceLevel.AtMostOnce)
        {
            return true;
        }

        lock (_unacknowledged)
        {
            _unacknowledged.Add(publish.PacketIdentifier);
            return _unacknowledged.Count <= maximum;
        }
    }

    /// <summary>A packet the broker sends: the acknowledgements among them give quota back.</summary>
    public void Sending(MqttPacket packet)
    {
        var identifier = packet switch
        {
            MqttPubAckPacket ack => ack.PacketIdentifier,
            MqttPubCompPacket complete => complete.PacketIdentifier,
            MqttPubRecPacket { ReasonCode: >= MqttPubRecReasonCode.UnspecifiedError } refused => refused.PacketIdentifier,
            _ => (ushort)0,
        };
        if (identifier != 0)
        {
            lock (_unacknowledged)
            {
                _unacknowledged.Remove(identifier);
            }
        }
    }
}
