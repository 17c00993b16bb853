using Nuage.Metadata;

namespace Nuage.Iot.Broker;

/// <summary>
/// Delayed MQTT wills kept durably in the metadata store (schema 023), for the broker's DelayedWills: the will's bytes
/// are the broker's own encoding; the store knows the client id and when the will is due (null: its client is still
/// connected). Each write is one unit of the store's group commit.
/// </summary>
public sealed class DelayedWillStore(IMetadataStore store)
{
    public async Task<IReadOnlyList<(string ClientId, byte[] Will, DateTimeOffset? DueAt)>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await store.ListMqttWillsAsync(cancellationToken).ConfigureAwait(false)).Select(r => (r.ClientId, r.Will, r.DueAt))];

    /// <summary>
    /// Stores the client's will, replacing the one it had, when <paramref name="stillWanted"/> (asked on the store's
    /// writer, at the moment of the write) says it has not been sent or cancelled meanwhile.
    /// </summary>
    public Task PutAsync(string clientId, byte[] will, DateTimeOffset? dueAt, Func<bool>? stillWanted, CancellationToken cancellationToken)
    {
        var row = new MqttWillRow(clientId, will, dueAt);
        return store.WriteAsync(
            transaction =>
            {
                if (stillWanted is null || stillWanted())
                {
                    transaction.PutMqttWill(row);
                }

                return true;
            },
            cancellationToken);
    }

    /// <summary>Removes the client's will unless <paramref name="keep"/> (asked at the moment of the write) says a newer one replaced it.</summary>
    public Task ForgetAsync(string clientId, Func<bool> keep, CancellationToken cancellationToken) =>
        store.WriteAsync(transaction => !keep() && transaction.DeleteMqttWill(clientId), cancellationToken);
}
