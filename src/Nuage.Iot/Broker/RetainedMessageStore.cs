using Nuage.Metadata;

namespace Nuage.Iot.Broker;

/// <summary>
/// Retained messages kept durably in the metadata store (schema 018), so they survive a restart of the process.
/// Each change is one unit of work of the store's group commit and completes when its transaction is durable.
/// </summary>
public sealed class RetainedMessageStore(IMetadataStore store, TimeProvider time)
{
    /// <summary>The retained messages still alive now; expired ones are deleted rather than replayed (§3.3.2.3.3).</summary>
    public async Task<IReadOnlyList<StoredMqttMessage>> LoadAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var rows = await store.ListMqttRetainedAsync(cancellationToken).ConfigureAwait(false);
        var alive = new List<StoredMqttMessage>(rows.Count);
        var expired = new List<string>();
        foreach (var row in rows)
        {
            if (row.ExpiresAt is { } expiresAt && expiresAt <= now)
            {
                expired.Add(row.Topic);
                continue;
            }

            alive.Add(StoredMqttMessage.FromRow(row));
        }

        if (expired.Count > 0)
        {
            await store.WriteAsync(
                transaction =>
                {
                    foreach (var topic in expired)
                    {
                        transaction.DeleteMqttRetained(topic);
                    }

                    return expired.Count;
                },
                cancellationToken).ConfigureAwait(false);
        }

        return alive;
    }

    public Task PutAsync(StoredMqttMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var row = message.ToRow();
        return store.WriteAsync(transaction => { transaction.PutMqttRetained(row); return true; }, cancellationToken);
    }

    public Task DeleteAsync(string topic, CancellationToken cancellationToken) =>
        store.WriteAsync(transaction => transaction.DeleteMqttRetained(topic), cancellationToken);

    public Task ClearAsync(CancellationToken cancellationToken) =>
        store.WriteAsync(transaction => { transaction.DeleteAllMqttRetained(); return true; }, cancellationToken);
}
