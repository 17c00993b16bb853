using System.Globalization;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using MQTTnet.Diagnostics.Logger;

namespace Nuage.Mqtt;

/// <summary>
/// MQTTnet's log entries into the server's log (category Nuage.Mqtt.Broker). MQTTnet writes a line per connection
/// at Info and a warning for each client that drops its connection, which are a client's doing, not the server's:
/// they go out one level lower (Debug and Information). Its errors stay errors, except an error whose cause is the
/// client's connection going away in the middle of a packet (a reset or a broken pipe, e.g. a subscriber that stopped
/// reading and was cut off): that too is the client's doing, and goes out as Information.
/// </summary>
public sealed class MqttLogBridge(ILogger logger) : IMqttNetLogger
{
    public bool IsEnabled => logger.IsEnabled(LogLevel.Information);

    public void Publish(MqttNetLogLevel level, string source, string message, object[] parameters, Exception exception)
    {
        var mapped = level switch
        {
            MqttNetLogLevel.Verbose => LogLevel.Trace,
            MqttNetLogLevel.Info => LogLevel.Debug,
            MqttNetLogLevel.Warning => LogLevel.Information,
            _ when IsLostConnection(exception) => LogLevel.Information,
            _ => LogLevel.Error,
        };
        if (!logger.IsEnabled(mapped))
        {
            return;
        }

        var text = parameters is { Length: > 0 } ? string.Format(CultureInfo.InvariantCulture, message, parameters) : message;
#pragma warning disable CA2254 // MQTTnet's messages are already formatted text, not templates.
        logger.Log(mapped, exception, "{Source}: {Message}", source, text);
#pragma warning restore CA2254
    }

    private static bool IsLostConnection(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is ConnectionResetException or SocketException { SocketErrorCode: SocketError.ConnectionReset or SocketError.Shutdown or SocketError.ConnectionAborted })
            {
                return true;
            }
        }

        return false;
    }
}
