using Nuage.Iot.Authorization;
using Nuage.Iot.Identity;

namespace Nuage.Mqtt;

/// <summary>
/// What the door knows of one accepted CONNECT: who the client is, the client id it chose (without the account
/// prefix the broker keys it by) and the facts policy conditions may read. A class, not a record: two connections
/// of the same key from the same address are still two connections (<see cref="ConnectedClients.Forget"/>
/// compares them by reference).
/// </summary>
public sealed class MqttConnection(IotIdentity identity, string clientId, ConnectionFacts facts, uint maximumPacketSize = 0)
{
    public IotIdentity Identity { get; } = identity;

    public string ClientId { get; } = clientId;

    public ConnectionFacts Facts { get; } = facts;

    /// <summary>The largest packet the client accepts (MQTT 5 CONNECT, §3.1.2.11.4); 0 when it set no limit.</summary>
    public uint MaximumPacketSize { get; } = maximumPacketSize;
}
