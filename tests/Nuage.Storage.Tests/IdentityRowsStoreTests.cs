using Nuage.Metadata;
using Nuage.Testing;
using Xunit;

namespace Nuage.Storage.Tests;

/// <summary>
/// Accounts, IAM entities, access keys and KMS keys as the metadata store keeps them (schemas 003, 007), on each
/// engine: upserts, inserts that refuse a duplicate, one load in key order with every field intact (times to the
/// tick, sealed bytes, a root key's missing user), and an account deleted with its entities and keys only.
/// </summary>
public abstract class IdentityRowsStoreTests(MetadataEngine engine) : IAsyncLifetime
{
    private const string Operator = "000000000000";
    private const string Alpha = "111111111111";
    private const string Beta = "222222222222";
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset T0 = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(1234567);

    private readonly StorageFixture _s = new(engine: engine);

    private IMetadataStore Store => _s.Metadata;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _s.DisposeAsync();

    [Fact]
    public async Task The_operators_account_exists_from_the_schema()
    {
        var rows = await Store.LoadIdentityAsync(None);
        var only = Assert.Single(rows.Accounts);
        Assert.Equal((Operator, "operator"), (only.Id, only.Name));
        Assert.Empty(rows.Entities);
        Assert.Empty(rows.AccessKeys);
    }

    [Fact]
    public async Task Identity_rows_load_in_byte_order_and_an_account_goes_with_its_entities_and_keys_only()
    {
        var secret = new byte[] { 0, 1, 2, 0xFF, 0xFE };
        await WriteAsync(tx =>
        {
            tx.PutAccount(new AccountRow(Beta, "beta", T0, """{"quota":1}"""));
            tx.PutAccount(new AccountRow(Alpha, "alpha", T0.AddDays(1), "{}"));
            tx.PutAccount(new AccountRow(Beta, "beta-renamed", T0.AddDays(9), """{"quota":2}""")); // keeps its creation time
            tx.PutIdentity(new IdentityRow(Beta, IdentityKind.User, "Zed", "AIDAZED", T0, "{\"v\":1}"));
            tx.PutIdentity(new IdentityRow(Beta, IdentityKind.User, "amy", "AIDAAMY", T0, "{}"));
            tx.PutIdentity(new IdentityRow(Beta, IdentityKind.Group, "admins", "AGPAADMINS", T0, "{}"));
            tx.PutIdentity(new IdentityRow(Alpha, IdentityKind.Role, "runner", "AROARUNNER", T0, "{}"));
            tx.PutIdentity(new IdentityRow(Beta, IdentityKind.User, "Zed", "AIDAZED", T0.AddDays(5), "{\"v\":2}"));
        });
        Assert.True(await Store.WriteAsync(tx => tx.InsertAccessKey(new AccessKeyRow("AKIAZED", Beta, "Zed", secret, true, T0)), None));
        Assert.True(await Store.WriteAsync(tx => tx.InsertAccessKey(new AccessKeyRow("AKIAROOTB", Beta, null, [7], true, T0)), None));
        Assert.True(await Store.WriteAsync(tx => tx.InsertAccessKey(new AccessKeyRow("AKIAALPHA", Alpha, null, [8], true, T0)), None));
        Assert.False(await Store.WriteAsync(tx => tx.InsertAccessKey(new AccessKeyRow("AKIAZED", Alpha, null, [9], false, T0)), None));
        Assert.True(await Store.WriteAsync(tx => tx.SetAccessKeyActive("AKIAZED", false), None));
        Assert.False(await Store.WriteAsync(tx => tx.SetAccessKeyActive("AKIAMISSING", false), None));

        var rows = await Store.LoadIdentityAsync(None);
        Assert.Equal([Operator, Alpha, Beta], rows.Accounts.Select(a => a.Id));
        Assert.Equal(new AccountRow(Beta, "beta-renamed", T0, """{"quota":2}"""), rows.Accounts[2]);
        Assert.Equal(
            [(Alpha, IdentityKind.Role, "runner"), (Beta, IdentityKind.User, "Zed"), (Beta, IdentityKind.User, "amy"), (Beta, IdentityKind.Group, "admins")],
            rows.Entities.Select(e => (e.AccountId, e.Kind, e.Name)));
        Assert.Equal(new IdentityRow(Beta, IdentityKind.User, "Zed", "AIDAZED", T0, "{\"v\":2}"), rows.Entities[1]);
        Assert.Equal(["AKIAALPHA", "AKIAROOTB", "AKIAZED"], rows.AccessKeys.Select(k => k.AccessKeyId));
        var zed = rows.AccessKeys[2];
        Assert.Equal((Beta, "Zed", false, T0), (zed.AccountId, zed.UserName, zed.Active, zed.CreatedAt));
        Assert.Equal(secret, zed.SealedSecret);
        Assert.Null(rows.AccessKeys[1].UserName);

        Assert.True(await Store.WriteAsync(tx => tx.DeleteIdentity(Beta, IdentityKind.Group, "admins"), None));
        Assert.False(await Store.WriteAsync(tx => tx.DeleteIdentity(Beta, IdentityKind.User, "admins"), None));
        Assert.True(await Store.WriteAsync(tx => tx.DeleteAccessKey("AKIAROOTB"), None));
        Assert.False(await Store.WriteAsync(tx => tx.DeleteAccessKey("AKIAROOTB"), None));
        Assert.True(await Store.WriteAsync(tx => tx.DeleteAccount(Beta), None));
        Assert.False(await Store.WriteAsync(tx => tx.DeleteAccount(Beta), None));

        rows = await Store.LoadIdentityAsync(None);
        Assert.Equal([Operator, Alpha], rows.Accounts.Select(a => a.Id));
        Assert.Equal([(Alpha, "runner")], rows.Entities.Select(e => (e.AccountId, e.Name)));
        Assert.Equal(["AKIAALPHA"], rows.AccessKeys.Select(k => k.AccessKeyId));
    }

    [Fact]
    public async Task Kms_keys_replace_their_body_and_load_by_account_then_key_in_byte_order()
    {
        Assert.Empty(await Store.LoadKmsKeysAsync(None));
        await WriteAsync(tx =>
        {
            tx.PutKmsKey(new KmsKeyRow("a-2", Beta, "two"));
            tx.PutKmsKey(new KmsKeyRow("k-3", Alpha, "three"));
            tx.PutKmsKey(new KmsKeyRow("B-1", Beta, "one"));
        });
        await WriteAsync(tx => tx.PutKmsKey(new KmsKeyRow("a-2", Beta, "two, rotated")));

        Assert.Equal(
            [new KmsKeyRow("k-3", Alpha, "three"), new KmsKeyRow("B-1", Beta, "one"), new KmsKeyRow("a-2", Beta, "two, rotated")],
            await Store.LoadKmsKeysAsync(None));
    }

    [Fact]
    public async Task An_account_owns_buckets_while_the_registry_gives_it_a_name_in_any_region()
    {
        Assert.False(await Store.WriteAsync(tx => tx.AccountOwnsBuckets(Alpha), None));
        Assert.True(await Store.WriteAsync(tx => tx.InsertBucketName(new BucketNameRow("far-away", Alpha, "dubai", T0)), None));
        Assert.True(await Store.WriteAsync(tx => tx.AccountOwnsBuckets(Alpha), None));
        Assert.False(await Store.WriteAsync(tx => tx.AccountOwnsBuckets(Beta), None));
        Assert.True(await Store.WriteAsync(tx => tx.DeleteBucketName("far-away", "dubai"), None));
        Assert.False(await Store.WriteAsync(tx => tx.AccountOwnsBuckets(Alpha), None));
    }

    [Fact]
    public async Task An_account_owns_buckets_while_it_has_one_here()
    {
        await WriteAsync(tx => tx.InsertBucket(new BucketRow("here", Beta, "local", T0)));
        Assert.True(await Store.WriteAsync(tx => tx.AccountOwnsBuckets(Beta), None));
        Assert.False(await Store.WriteAsync(tx => tx.AccountOwnsBuckets(Alpha), None));
    }

    private Task WriteAsync(Action<IMetadataTransaction> write) =>
        Store.WriteAsync(tx => { write(tx); return true; }, None);
}

public sealed class IdentityRowsStoreTestsOnSqlite() : IdentityRowsStoreTests(MetadataEngine.Sqlite);

public sealed class IdentityRowsStoreTestsOnPostgres() : IdentityRowsStoreTests(MetadataEngine.Postgres);
