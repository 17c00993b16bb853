using MQTTnet.Server;

namespace Nuage.Mqtt.Handlers;

/// <summary>SessionDeletedAsync: the client's session is gone, so is what the door knew of its connection.</summary>
public sealed class SessionEndHandler(ConnectedClients clients)
{
    public Task HandleAsync(SessionDeletedEventArgs e)
    {
        clients.Forget(e.Id);
        return Task.CompletedTask;
    }
}
