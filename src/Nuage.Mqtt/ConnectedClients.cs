using System.Collections.Concurrent;

namespace Nuage.Mqtt;

/// <summary>
/// The accepted connection behind each broker client id (ACCOUNT:CLIENTID). The door's handlers look the sender or
/// receiver up here rather than in MQTTnet's session items: a session resumed by a new CONNECT (clean start false)
/// keeps the items of the connection that created it, and the new connection may act as another key.
/// A client id missing here is treated as unauthorized (fail closed).
/// </summary>
public sealed class ConnectedClients
{
    private readonly ConcurrentDictionary<string, MqttConnection> _byBrokerClientId = new(StringComparer.Ordinal);

    /// <summary>Records the newest accepted connection of <paramref name="brokerClientId"/>; it replaces an older one (session takeover).</summary>
    public void Accept(string brokerClientId, MqttConnection connection) => _byBrokerClientId[brokerClientId] = connection;

    public MqttConnection? Find(string? brokerClientId) =>
        brokerClientId is not null && _byBrokerClientId.TryGetValue(brokerClientId, out var connection) ? connection : null;

    /// <summary>Forgets the client when its session ends, unless a newer connection has taken the id since.</summary>
    public void Forget(string brokerClientId, MqttConnection connection) =>
        _byBrokerClientId.TryRemove(new KeyValuePair<string, MqttConnection>(brokerClientId, connection));

    /// <summary>Every accepted connection by broker client id, as it stands now (RevokedCredentialHandler walks it).</summary>
    public IEnumerable<KeyValuePair<string, MqttConnection>> All => _byBrokerClientId;
}
