using Microsoft.Data.Sqlite;
using Nuage.Metadata;
using Nuage.Testing;

namespace Nuage.Iot.Tests.Broker;

/// <summary>
/// Schema 026 on a SQLite database written before it (taken back to 025's state: no mqtt_received_qos2, version rows
/// below 26): the next open adds the table and keeps the MQTT sessions that were there.
/// </summary>
public sealed class MqttReceivedQos2SchemaMigrationOnSqliteTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "nuage-mqtt-qos2-migration-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_database_before_026_keeps_its_sessions_and_takes_qos2_exchanges_after()
    {
        Directory.CreateDirectory(_directory);
        await MetadataEngine.Sqlite.Open(_directory).DisposeAsync();
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "metadata.db")};Pooling=False"))
        {
            connection.Open();
            using var back = connection.CreateCommand();
            back.CommandText =
                // Every change from 026 on undone (027: replication_status.changed_at/changed_in; 028: mqtt_queued.released_packet_id;
                // 029: mqtt_queued.sent_packet_id).
                "DROP TABLE mqtt_received_qos2; ALTER TABLE mqtt_queued DROP COLUMN released_packet_id; ALTER TABLE mqtt_queued DROP COLUMN sent_packet_id; " +
                "ALTER TABLE replication_status DROP COLUMN changed_at; ALTER TABLE replication_status DROP COLUMN changed_in; " +
                "DELETE FROM schema_version WHERE version >= 26; " +
                "INSERT INTO mqtt_sessions (client_id, expiry_seconds, disconnected_at) VALUES ('123456789012:press', 60, NULL)";
            back.ExecuteNonQuery();
        }

        await using var store = MetadataEngine.Sqlite.Open(_directory);
        Assert.Equal("123456789012:press", Assert.Single((await store.LoadMqttSessionsAsync(CancellationToken.None)).Sessions).ClientId);
        Assert.Empty(await store.ListMqttReceivedQos2Async(CancellationToken.None));
        await store.WriteAsync(t => { t.PutMqttReceivedQos2(new MqttReceivedQos2Row("123456789012:press", 7)); return true; }, CancellationToken.None);
        Assert.Equal(7, Assert.Single(await store.ListMqttReceivedQos2Async(CancellationToken.None)).PacketId);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
