using Nuage.Metadata;
using Nuage.Testing;

namespace Nuage.Iot.Tests.Broker;

/// <summary>
/// Delayed MQTT wills (schema 023) through the store contract on each engine: the bytes and the due time (or its
/// absence) round-trip through a reopen, a put replaces, a delete reports what it removed, and a will outlives the
/// deletion of its client's session (a session's end is what sends a will, §3.1.3.2.2).
/// </summary>
public abstract class MqttWillStoreTests(MetadataEngine engine) : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 9, 30, 0, TimeSpan.Zero);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "nuage-mqtt-will-tests-" + Guid.NewGuid().ToString("N"));
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
    public async Task Wills_keep_their_bytes_and_due_time_through_a_reopen_and_are_replaced_and_deleted()
    {
        var armed = new MqttWillRow("111111111111:press-1", [0, 1, 2, 255], null);
        var pending = new MqttWillRow("111111111111:press-2", [7], At.AddTicks(1234567));
        await WriteAsync(t => t.PutMqttWill(armed));
        await WriteAsync(t => t.PutMqttWill(pending));
        await WriteAsync(t => t.PutMqttSession(new MqttSessionRow(armed.ClientId, 60, null)));
        await ReopenAsync();

        Assert.Equal([Describe(armed), Describe(pending)], await ListAsync());

        // The connection ended: the same will, now with its due time.
        var started = armed with { Will = [9, 9], DueAt = At };
        await WriteAsync(t => t.PutMqttWill(started));
        Assert.Equal([Describe(started), Describe(pending)], await ListAsync());

        // Ending the session leaves the will, which that end is to send.
        Assert.True(await _store.WriteAsync(t => t.DeleteMqttSession(armed.ClientId), CancellationToken.None));
        Assert.Equal(2, (await ListAsync()).Count);

        Assert.True(await _store.WriteAsync(t => t.DeleteMqttWill(pending.ClientId), CancellationToken.None));
        Assert.False(await _store.WriteAsync(t => t.DeleteMqttWill(pending.ClientId), CancellationToken.None));
        await ReopenAsync();
        Assert.Equal([Describe(started)], await ListAsync());
    }

    private async Task<List<string>> ListAsync() =>
        (await _store.ListMqttWillsAsync(CancellationToken.None)).OrderBy(r => r.ClientId, StringComparer.Ordinal).Select(Describe).ToList();

    /// <summary>The row as a comparable string: records compare byte arrays by reference.</summary>
    private static string Describe(MqttWillRow row) =>
        $"{row.ClientId}|{Convert.ToHexString(row.Will)}|{row.DueAt?.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "<null>"}";

    private Task WriteAsync(Action<IMetadataTransaction> write) =>
        _store.WriteAsync(t => { write(t); return true; }, CancellationToken.None);

    private async Task ReopenAsync()
    {
        await _store.DisposeAsync();
        _store = engine.Open(_directory);
    }
}

public sealed class MqttWillStoreTestsOnSqlite() : MqttWillStoreTests(MetadataEngine.Sqlite);

public sealed class MqttWillStoreTestsOnPostgres() : MqttWillStoreTests(MetadataEngine.Postgres);
