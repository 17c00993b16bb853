namespace Nuage.Storage.Notifications;

/// <summary>
/// Publishes an event on the IoT hub: implemented by the MQTT door (Nuage.Mqtt), which owns the broker. Absent when
/// the hub is not running; events for MQTT destinations then wait in the outbox.
/// </summary>
public interface IEventPublisher
{
    /// <summary>Publishes <paramref name="payload"/> with QoS 1 to <paramref name="topic"/> of <paramref name="accountId"/>'s namespace.</summary>
    Task PublishAsync(string accountId, string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);
}
