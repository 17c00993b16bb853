using Nuage.Iot.Rules;
using Nuage.Metadata;
using Nuage.Testing;

namespace Nuage.Iot.Tests.Rules;

/// <summary>
/// The spool of schema 017 over the real metadata store of each engine (issue 18), reopened as after a crash: a
/// claimed batch keeps exactly its rows and its key, so the flusher's replay rewrites the same object
/// (docs/iot-rules.md "Durability").
/// </summary>
public abstract class RuleSpoolTests(MetadataEngine engine) : IAsyncLifetime
{
    private const string Account = "111111111111";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "nuage-rule-spool-tests-" + Guid.NewGuid().ToString("N"));
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
    public async Task A_claimed_batch_survives_a_reopen_with_the_same_rows_and_key_and_new_rows_never_join_it()
    {
        var at = new DateTimeOffset(2026, 12, 2, 4, 59, 59, TimeSpan.Zero);
        await _store.WriteAsync(t => t.InsertIotRule(new IotRuleRow(Account, "r", "{}", at)), CancellationToken.None);
        await SpoolAsync("r", at, 5);
        long? batch = await _store.WriteAsync(t => t.ClaimIotSpoolBatch(Account, "r", 3, long.MaxValue), CancellationToken.None);
        Assert.NotNull(batch);
        await SpoolAsync("r", at.AddSeconds(2), 2);

        // "kill -9": the store is reopened on the same data; the batch was claimed, never written nor removed.
        await _store.DisposeAsync();
        _store = engine.Open(_directory);

        var claimed = Assert.Single(await _store.ListClaimedIotBatchesAsync(CancellationToken.None));
        Assert.Equal(batch, claimed.BatchId);
        var rows = await _store.ReadIotSpoolBatchAsync(claimed.BatchId, CancellationToken.None);
        Assert.Equal(["m0", "m1", "m2"], rows.Select(r => r.Line));
        Assert.Equal(rows[0].Seq, claimed.BatchId);
        Assert.Equal($"p/2026/12/02/04/{claimed.BatchId:D20}.jsonl", RuleFlusher.Key("p/", rows[0].ReceivedAt, claimed.BatchId));

        var stats = Assert.Single(await _store.ReadIotSpoolStatsAsync(CancellationToken.None));
        Assert.Equal((4L, 7L), (stats.Waiting, stats.Depth));

        Assert.Equal(3, await _store.WriteAsync(t => t.DeleteIotSpoolBatch(claimed.BatchId), CancellationToken.None));
        long? next = await _store.WriteAsync(t => t.ClaimIotSpoolBatch(Account, "r", 100, long.MaxValue), CancellationToken.None);
        Assert.Equal(["m3", "m4", "m0", "m1"], (await _store.ReadIotSpoolBatchAsync(next!.Value, CancellationToken.None)).Select(r => r.Line));
        Assert.True(next > claimed.BatchId);
    }

    [Fact]
    public async Task Claims_respect_the_byte_limit_but_take_at_least_one_row_and_a_deleted_rule_takes_its_spool()
    {
        var at = DateTimeOffset.UtcNow;
        await _store.WriteAsync(t => t.InsertIotRule(new IotRuleRow(Account, "r", "{}", at)), CancellationToken.None);
        await SpoolAsync("r", at, 4);
        long? first = await _store.WriteAsync(t => t.ClaimIotSpoolBatch(Account, "r", 100, 1), CancellationToken.None);
        Assert.Single(await _store.ReadIotSpoolBatchAsync(first!.Value, CancellationToken.None));
        long? second = await _store.WriteAsync(t => t.ClaimIotSpoolBatch(Account, "r", 100, 6), CancellationToken.None);
        Assert.Equal(2, (await _store.ReadIotSpoolBatchAsync(second!.Value, CancellationToken.None)).Count); // "m1\n" + "m2\n"

        Assert.True(await _store.WriteAsync(t => t.DeleteIotRule(Account, "r"), CancellationToken.None));
        Assert.Empty(await _store.ReadIotSpoolStatsAsync(CancellationToken.None));
        await SpoolAsync("r", at, 1);
        Assert.Empty(await _store.ReadIotSpoolStatsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Stats_count_utf8_bytes_per_rule_in_order_and_claimed_batches_list_oldest_first()
    {
        var at = new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
        await _store.WriteAsync(t => t.InsertIotRule(new IotRuleRow(Account, "r", "{}", at)), CancellationToken.None);
        await _store.WriteAsync(t => t.InsertIotRule(new IotRuleRow("000000000000", "s", "{}", at)), CancellationToken.None);
        Assert.False(await _store.WriteAsync(t => t.InsertIotRule(new IotRuleRow(Account, "r", "{ }", at)), CancellationToken.None));
        Assert.Equal([("000000000000", "s"), (Account, "r")], (await _store.ListIotRulesAsync(CancellationToken.None)).Select(r => (r.AccountId, r.Name)));

        // "é" is two bytes in UTF-8: a line of "éé" is 4 bytes, 5 with its newline.
        await LinesAsync(Account, "r", at, "éé", "éé", "x");
        await LinesAsync("000000000000", "s", at.AddMinutes(1), "abc");
        long? first = await _store.WriteAsync(t => t.ClaimIotSpoolBatch(Account, "r", 100, 9), CancellationToken.None);
        Assert.Single(await _store.ReadIotSpoolBatchAsync(first!.Value, CancellationToken.None));
        long? other = await _store.WriteAsync(t => t.ClaimIotSpoolBatch("000000000000", "s", 100, long.MaxValue), CancellationToken.None);
        Assert.Null(await _store.WriteAsync(t => t.ClaimIotSpoolBatch("000000000000", "s", 100, long.MaxValue), CancellationToken.None));
        await LinesAsync(Account, "r", at.AddMinutes(2), "y");

        var stats = await _store.ReadIotSpoolStatsAsync(CancellationToken.None);
        Assert.Equal(
            [new IotSpoolStats("000000000000", "s", 0, 0, DateTimeOffset.MinValue, 1), new IotSpoolStats(Account, "r", 3, 4 + 1 + 1, at, 4)],
            stats);
        Assert.Equal(
            [new IotSpoolBatch(first.Value, Account, "r"), new IotSpoolBatch(other!.Value, "000000000000", "s")],
            await _store.ListClaimedIotBatchesAsync(CancellationToken.None));
        var rows = await _store.ReadIotSpoolBatchAsync(other.Value, CancellationToken.None);
        Assert.Equal([new IotSpoolRow(other.Value, "000000000000", "s", at.AddMinutes(1), "abc")], rows);

        long? rest = await _store.WriteAsync(t => t.ClaimIotSpoolBatch(Account, "r", 2, long.MaxValue), CancellationToken.None);
        Assert.Equal(["éé", "x"], (await _store.ReadIotSpoolBatchAsync(rest!.Value, CancellationToken.None)).Select(r => r.Line));
        Assert.Equal(0, await _store.WriteAsync(t => t.DeleteIotSpoolBatch(rest.Value + 1000), CancellationToken.None));
    }

    private async Task LinesAsync(string account, string rule, DateTimeOffset at, params string[] lines)
    {
        foreach (var line in lines)
        {
            await _store.WriteAsync(t =>
            {
                t.SpoolIotMessage(account, rule, at, line);
                return true;
            }, CancellationToken.None);
        }
    }

    private async Task SpoolAsync(string rule, DateTimeOffset at, int count)
    {
        for (int i = 0; i < count; i++)
        {
            string line = "m" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await _store.WriteAsync(t =>
            {
                t.SpoolIotMessage(Account, rule, at, line);
                return true;
            }, CancellationToken.None);
        }
    }
}

public sealed class RuleSpoolTestsOnSqlite() : RuleSpoolTests(MetadataEngine.Sqlite);

public sealed class RuleSpoolTestsOnPostgres() : RuleSpoolTests(MetadataEngine.Postgres);
