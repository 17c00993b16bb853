using Nuage.Metadata;
using Nuage.Testing;

namespace Nuage.Iot.Tests.Broker;

/// <summary>
/// QoS 2 exchanges awaiting PUBREL (schema 026) through the store contract on each engine: rows round-trip through a
/// reopen, a repeated put is one row, a delete reports what it removed, and a session's end takes its rows with it.
/// </summary>
public abstract class MqttReceivedQos2StoreTests(MetadataEngine engine) : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "nuage-mqtt-qos2-tests-" + Guid.NewGuid().ToString("N"));
    private IMetadataStore _store = null!;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _store = engine.Open(_directory);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        engine.Drop(_directory);
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Open_exchanges_survive_a_reopen_and_leave_with_their_pubrel_or_their_session()
    {
        await WriteAsync(t => t.PutMqttSession(new MqttSessionRow("111111111111:press-1", 3600, null)));
        await WriteAsync(t => t.PutMqttReceivedQos2(new MqttReceivedQos2Row("111111111111:press-1", 7)));
        await WriteAsync(t => t.PutMqttReceivedQos2(new MqttReceivedQos2Row("111111111111:press-1", 7)));
        await WriteAsync(t => t.PutMqttReceivedQos2(new MqttReceivedQos2Row("111111111111:press-1", 65535)));
        await WriteAsync(t => t.PutMqttReceivedQos2(new MqttReceivedQos2Row("111111111111:press-2", 7)));
        await ReopenAsync();
        Assert.Equal(["111111111111:press-1|65535", "111111111111:press-1|7", "111111111111:press-2|7"], await ListAsync());

        Assert.True(await _store.WriteAsync(t => t.DeleteMqttReceivedQos2(new MqttReceivedQos2Row("111111111111:press-2", 7)), CancellationToken.None));
        Assert.False(await _store.WriteAsync(t => t.DeleteMqttReceivedQos2(new MqttReceivedQos2Row("111111111111:press-2", 7)), CancellationToken.None));

        // The session ends: its open exchanges go with it (§4.1: they are session state).
        Assert.True(await _store.WriteAsync(t => t.DeleteMqttSession("111111111111:press-1"), CancellationToken.None));
        await ReopenAsync();
        Assert.Empty(await ListAsync());
    }

    private async Task<List<string>> ListAsync() =>
        [.. (await _store.ListMqttReceivedQos2Async(CancellationToken.None)).Select(r => $"{r.ClientId}|{r.PacketId}").Order(StringComparer.Ordinal)];

    private Task WriteAsync(Action<IMetadataTransaction> write) =>
        _store.WriteAsync(t => { write(t); return true; }, CancellationToken.None);

    private async Task ReopenAsync()
    {
        await _store.DisposeAsync();
        _store = engine.Open(_directory);
    }
}

public sealed class MqttReceivedQos2StoreTestsOnSqlite() : MqttReceivedQos2StoreTests(MetadataEngine.Sqlite);

public sealed class MqttReceivedQos2StoreTestsOnPostgres() : MqttReceivedQos2StoreTests(MetadataEngine.Postgres);
