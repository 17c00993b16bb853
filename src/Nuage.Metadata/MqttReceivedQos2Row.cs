namespace Nuage.Metadata;

/// <summary>
/// A QoS 2 PUBLISH the broker received from a persistent session's client and answered with PUBREC, whose PUBREL has
/// not arrived yet (schema 026). MQTT 5 §4.3.3 and 3.1.1 §4.3.3: until that PUBREL the broker must answer a PUBLISH
/// with the same packet identifier with PUBREC again and not deliver it a second time; the identifier is part of the
/// session state (§4.1), so it is kept across a restart. <paramref name="ClientId"/> is the broker's ACCOUNT:CLIENTID.
/// </summary>
public sealed record MqttReceivedQos2Row(string ClientId, int PacketId);
