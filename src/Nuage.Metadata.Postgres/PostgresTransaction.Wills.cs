namespace Nuage.Metadata.Postgres;

using Nuage.Metadata.Core;

/// <summary>PostgresTransaction: delayed MQTT wills (schema 023), as the SQLite engine's WriteTransaction.</summary>
internal sealed partial class PostgresTransaction
{
    public void PutMqttWill(MqttWillRow row) =>
        Execute(PostgresMqttWills.Put, row.ClientId, row.Will, row.DueAt is { } at ? UtcTicks.From(at) : null);

    public bool DeleteMqttWill(string clientId) => Execute(PostgresMqttWills.Delete, clientId) > 0;
}
