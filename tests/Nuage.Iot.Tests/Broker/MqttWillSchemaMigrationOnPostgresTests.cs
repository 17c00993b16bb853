using Npgsql;
using Nuage.Metadata;
using Nuage.Testing;

namespace Nuage.Iot.Tests.Broker;

/// <summary>
/// Schema 023 (delayed MQTT wills) on a PostgreSQL database written before it: a database taken back to schema 021
/// (no mqtt_wills table, no version row 23) keeps its MQTT sessions when the engine opens it, and takes wills after.
/// (SQLite's counterpart is SchemaMigrationTests.A_schema_21_directory_keeps_its_mqtt_sessions_and_takes_delayed_wills_after.)
/// </summary>
public sealed class MqttWillSchemaMigrationOnPostgresTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "nuage-mqtt-will-schema-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_schema_21_database_keeps_its_mqtt_sessions_and_takes_delayed_wills_after()
    {
        var engine = MetadataEngine.Postgres;
        var url = engine.ServerOption(_directory)!;
        var connectionString = new NpgsqlConnectionStringBuilder(SharedPostgres.Cluster.ConnectionString)
        {
            Database = new Uri(url).AbsolutePath.TrimStart('/'),
        }.ConnectionString;
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var back = new NpgsqlCommand(
                // Every change after 021 undone (023: mqtt_wills; 024: replication_outbox.metadata_only; 026: mqtt_received_qos2;
                // 027: replication_status.changed_at/changed_in; 028: mqtt_queued.released_packet_id; 029: mqtt_queued.sent_packet_id).
                "DROP TABLE mqtt_wills; ALTER TABLE replication_outbox DROP COLUMN metadata_only; DROP TABLE mqtt_received_qos2; " +
                "ALTER TABLE replication_status DROP COLUMN changed_at, DROP COLUMN changed_in; " +
                "ALTER TABLE mqtt_queued DROP COLUMN released_packet_id, DROP COLUMN sent_packet_id; " +
                "DELETE FROM schema_version WHERE version > 21; " +
                "INSERT INTO mqtt_sessions (client_id, expiry_seconds, disconnected_at) VALUES ('123456789012:press', 60, NULL)",
                connection);
            await back.ExecuteNonQueryAsync();
        }

        await using var store = engine.Open(_directory);
        Assert.Equal("123456789012:press", Assert.Single((await store.LoadMqttSessionsAsync(CancellationToken.None)).Sessions).ClientId);
        Assert.Empty(await store.ListMqttWillsAsync(CancellationToken.None));
        var due = new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
        await store.WriteAsync(t => { t.PutMqttWill(new MqttWillRow("123456789012:press", [1, 2, 3], due)); return true; }, CancellationToken.None);
        var will = Assert.Single(await store.ListMqttWillsAsync(CancellationToken.None));
        Assert.Equal(("123456789012:press", "010203", (DateTimeOffset?)due), (will.ClientId, Convert.ToHexString(will.Will), will.DueAt));

        // Schema 026 came with the same start: QoS 2 exchanges awaiting PUBREL are kept.
        Assert.Empty(await store.ListMqttReceivedQos2Async(CancellationToken.None));
        await store.WriteAsync(t => { t.PutMqttReceivedQos2(new MqttReceivedQos2Row("123456789012:press", 7)); return true; }, CancellationToken.None);
        Assert.Equal(7, Assert.Single(await store.ListMqttReceivedQos2Async(CancellationToken.None)).PacketId);

        // And 028: a queued message's PUBREC is kept.
        var message = new MqttRetainedRow("$nuage/123456789012/cmd", [1], 2, 0, null, null, null, null, null);
        await store.WriteAsync(t => { t.EnqueueMqttMessage(new MqttQueuedRow("123456789012:press", 1, message), 10); return true; }, CancellationToken.None);
        Assert.True(await store.WriteAsync(t => t.ReleaseMqttQueued("123456789012:press", 1, 9), CancellationToken.None));
        Assert.Equal(9, Assert.Single(await store.ListMqttQueuedAsync(CancellationToken.None)).ReleasedPacketId);

        // And 029: the identifier it was first sent under is kept.
        Assert.True(await store.WriteAsync(t => t.SendMqttQueued("123456789012:press", 1, 8), CancellationToken.None));
        Assert.Equal(8, Assert.Single(await store.ListMqttQueuedAsync(CancellationToken.None)).SentPacketId);
    }

    public void Dispose() => MetadataEngine.Postgres.Drop(_directory);
}
