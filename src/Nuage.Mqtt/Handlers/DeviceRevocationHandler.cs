using MQTTnet.Protocol;
using MQTTnet.Server;
using Nuage.Iot.Identity;
using Nuage.Iot.Registry;

namespace Nuage.Mqtt.Handlers;

/// <summary>
/// Closes the open connections of devices whose credential was disabled, rotated out or deleted, or whose thing was
/// deleted, as soon as the registry commits the change (docs/iot-devices.md "Rights"). Every action of such a
/// connection is refused anyway (IotAuthorizationService checks the credential before each decision); closing it
/// also stops it holding a session. MQTT 5 clients get DISCONNECT 0x87 Not authorized (MQTT 5 §3.14.2.1); MQTT 3.1.1
/// has no server DISCONNECT, so the connection just closes.
/// </summary>
public sealed class DeviceRevocationHandler(IotRegistry registry, IotAuthenticationService authentication, ConnectedClients clients)
{
    private Func<string, MqttServerClientDisconnectOptions, Task>? _disconnect;

    public void Bind(Func<string, MqttServerClientDisconnectOptions, Task> disconnect)
    {
        _disconnect = disconnect;
        registry.Changed += () => _ = Task.Run(CloseRevokedAsync);
    }

    private async Task CloseRevokedAsync()
    {
        if (_disconnect is not { } disconnect)
        {
            return;
        }

        foreach (var (brokerClientId, connection) in clients.All.ToList())
        {
            if (connection.Identity is not DeviceIdentity device
                || await authentication.IsStillValidAsync(device, CancellationToken.None).ConfigureAwait(false))
            {
                continue;
            }

            try
            {
                await disconnect(brokerClientId, new MqttServerClientDisconnectOptions
                {
                    ReasonCode = MqttDisconnectReasonCode.NotAuthorized,
                    ReasonString = "The device's credential or thing is no longer active.",
                }).ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
            {
                // The client left already, or the broker is stopping: nothing is left to close.
            }
        }
    }
}
