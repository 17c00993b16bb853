using MQTTnet.Server;

namespace Nuage.Mqtt.Handlers;

/// <summary>
/// Keeps <see cref="ConnectedClients"/> as long as MQTTnet's sessions. ClientConnectedAsync marks the session (its
/// items, which a resumed session keeps) with the connection now using it; SessionDeletedAsync forgets the client
/// only if that same connection is still the registered one, so a client that reconnected at once, whose new
/// connection was accepted while the old session was being deleted, keeps its rights.
/// </summary>
public sealed class SessionEndHandler(ConnectedClients clients)
{
    private const string ConnectionKey = "nuage.mqtt.connection";

    public Task MarkAsync(ClientConnectedEventArgs e)
    {
        if (clients.Find(e.ClientId) is { } connection)
        {
            e.SessionItems[ConnectionKey] = connection;
        }

        return Task.CompletedTask;
    }

    public Task ForgetAsync(SessionDeletedEventArgs e)
    {
        if (e.SessionItems?[ConnectionKey] is MqttConnection connection)
        {
            clients.Forget(e.Id, connection);
        }

        return Task.CompletedTask;
    }
}
