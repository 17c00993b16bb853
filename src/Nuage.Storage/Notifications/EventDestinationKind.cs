namespace Nuage.Storage.Notifications;

/// <summary>How an event reaches its destination: an MQTT publish on the IoT hub, or an HTTP POST.</summary>
public enum EventDestinationKind
{
    Mqtt,
    Webhook,
}
