using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Server;
using Nuage.Iot.Identity;

namespace Nuage.Mqtt.Channels;

/// <summary>
/// Wraps one of MQTTnet's transports (Kestrel's TCP connection handler, the WebSocket adapter) so that every
/// connection it hands the broker passes through <see cref="AccountScopedChannelAdapter"/> first.
/// </summary>
public sealed class AccountScopedServerAdapter(
    IMqttServerAdapter inner, IotAuthenticationService authentication, Limits.MqttLimits limits, Handlers.ReceivedQos2Handler receivedQos2,
    Outbound.OutboundExchanges exchanges) : IMqttServerAdapter
{
    private Func<IMqttChannelAdapter, Task>? _clientHandler;

    public Func<IMqttChannelAdapter, Task> ClientHandler
    {
        get => _clientHandler!;
        set
        {
            _clientHandler = value;
            inner.ClientHandler = value is null ? null! : channel => value(new AccountScopedChannelAdapter(channel, authentication, limits, receivedQos2, exchanges));
        }
    }

    public Task StartAsync(MqttServerOptions options, IMqttNetLogger logger) => inner.StartAsync(options, logger);

    public Task StopAsync() => inner.StopAsync();

    public void Dispose() => inner.Dispose();
}
