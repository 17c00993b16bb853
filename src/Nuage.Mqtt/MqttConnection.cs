using Nuage.Iot.Authorization;
using Nuage.Iot.Identity;

namespace Nuage.Mqtt;

/// <summary>
/// What the door knows of one accepted CONNECT: who the client is, the client id it chose (without the account
/// prefix the broker keys it by) and the facts policy conditions may read.
/// </summary>
public sealed record MqttConnection(IotIdentity Identity, string ClientId, ConnectionFacts Facts);
