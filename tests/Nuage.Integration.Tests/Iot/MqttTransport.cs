namespace Nuage.Integration.Tests.Iot;

/// <summary>How a test client reaches the broker: the MQTT TCP port or WebSocket at /mqtt on the console port.</summary>
public enum MqttTransport
{
    Tcp,
    WebSocket,
}
