namespace Nuage.Iot.Rules;

/// <summary>
/// Publishes a rule's republished message on the hub (implemented by the MQTT door, which owns the broker). The
/// topic is the account's own, as its clients name it.
/// </summary>
public interface IRuleRepublisher
{
    Task RepublishAsync(string accountId, string topic, ReadOnlyMemory<byte> payload, bool qos1, CancellationToken cancellationToken);
}
