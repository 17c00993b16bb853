using MQTTnet.Packets;

namespace Nuage.Mqtt.Outbound;

/// <summary>One QoS 1 or 2 PUBLISH sent to a session and not completely acknowledged (<see cref="SessionOutboundExchanges"/>).</summary>
internal sealed class OutboundExchange(MqttPublishPacket packet, ushort brokerId, ushort wireId)
{
    /// <summary>MQTTnet's packet, the one it resends.</summary>
    public MqttPublishPacket Packet { get; } = packet;

    /// <summary>MQTTnet's identifier for it now (a resumed session gives it a new one).</summary>
    public ushort BrokerId { get; set; } = brokerId;

    /// <summary>The identifier the client knows it by: the one it was first sent with.</summary>
    public ushort WireId { get; } = wireId;

    /// <summary>QoS 2: the client's PUBREC came; what is left to send is the PUBREL.</summary>
    public bool Released { get; set; }

    /// <summary>QoS 2, released: completes once the release is durable in the session's stored queue (null: not stored).</summary>
    public Task? Durable { get; set; }

    /// <summary>QoS 2: completes once its packet identifier is durable in the session's stored queue (null: not stored).</summary>
    public Task? SentDurable { get; set; }
}
