using Nuage.Metadata;
using Nuage.Testing;
using Xunit;

namespace Nuage.Storage.Tests.Notifications;

/// <summary>
/// The event outbox as the metadata store keeps it (schema 015), on each engine: an entry is written with the
/// transaction's time, due at once, listed by its next attempt then its order of writing, deferred with its attempt
/// count, and gone once completed.
/// </summary>
public abstract class EventOutboxStoreTests(MetadataEngine engine) : IAsyncLifetime
{
    private const string HookA = "arn:nuage:webhook:local:000000000000:http://127.0.0.1:1/a";
    private const string HookB = "arn:nuage:webhook:local:000000000000:http://127.0.0.1:1/b";
    private const string Topic = "arn:aws:iot:local:000000000000:topic/c";
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly StorageFixture _s = new(engine: engine);

    private IMetadataStore Store => _s.Metadata;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _s.DisposeAsync();

    [Fact]
    public async Task Entries_are_due_by_next_attempt_then_order_of_writing_until_completed()
    {
        Assert.Equal(0, await Store.CountOutboxEntriesAsync(None));
        var written = await Store.WriteAsync(
            tx =>
            {
                tx.AddOutboxEntry(HookA, """{"Records":[1]}""");
                tx.AddOutboxEntry(HookB, "é 日本 🙂");
                return tx.Now;
            },
            None);
        await Store.WriteAsync(tx => { tx.AddOutboxEntry(Topic, "{}"); return true; }, None);
        Assert.Equal(3, await Store.CountOutboxEntriesAsync(None));

        var due = await Store.ListDueOutboxEntriesAsync(DateTimeOffset.UtcNow, 100, None);
        Assert.Equal([HookA, HookB, Topic], due.Select(e => e.Destination));
        Assert.True(due[0].Seq < due[1].Seq && due[1].Seq < due[2].Seq);
        Assert.Equal(("é 日本 🙂", written, 0, written), (due[1].Body, due[1].CreatedAt, due[1].Attempts, due[1].NextAttemptAt));
        Assert.Empty(await Store.ListDueOutboxEntriesAsync(written.AddTicks(-1), 100, None));

        // The first one fails: it comes after the others, and only once its time has come.
        var later = DateTimeOffset.UtcNow.AddMinutes(10);
        await Store.WriteAsync(tx => { tx.DeferOutboxEntry(due[0].Seq, 2, later); return true; }, None);
        Assert.Equal([due[1].Seq, due[2].Seq], (await Store.ListDueOutboxEntriesAsync(later.AddTicks(-1), 100, None)).Select(e => e.Seq));
        var all = await Store.ListDueOutboxEntriesAsync(later, 100, None);
        Assert.Equal([due[1].Seq, due[2].Seq, due[0].Seq], all.Select(e => e.Seq));
        Assert.Equal((2, later), (all[2].Attempts, all[2].NextAttemptAt));
        Assert.Equal([due[1].Seq, due[2].Seq], (await Store.ListDueOutboxEntriesAsync(later, 2, None)).Select(e => e.Seq));

        await Store.WriteAsync(tx => { tx.CompleteOutboxEntry(due[1].Seq); tx.CompleteOutboxEntry(due[0].Seq); return true; }, None);
        Assert.Equal(1, await Store.CountOutboxEntriesAsync(None));
        Assert.Equal([due[2].Seq], (await Store.ListDueOutboxEntriesAsync(later, 100, None)).Select(e => e.Seq));
    }
}

public sealed class EventOutboxStoreTestsOnSqlite() : EventOutboxStoreTests(MetadataEngine.Sqlite);

public sealed class EventOutboxStoreTestsOnPostgres() : EventOutboxStoreTests(MetadataEngine.Postgres);
