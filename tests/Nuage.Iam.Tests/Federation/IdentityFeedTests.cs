using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Nuage.Iam.Federation;
using Nuage.Iam.Identities;
using Nuage.Iam.Management;
using Nuage.Iam.Tests.Management;
using Nuage.Testing;

namespace Nuage.Iam.Tests.Federation;

/// <summary>
/// The identity feed between a control region and a member region (docs/regions.md, "Identities"): the whole
/// directory through JSON, secrets sealed under the shared root secret, written into the member's own tables so that
/// it survives a restart, only what changed written, and a member's own changes refused.
/// </summary>
public abstract class IdentityFeedTests(MetadataEngine engine) : IAsyncLifetime
{
    private const string RootSecret = "shared-operator-root-secret-0123456789ab";
    private const string AllowGet = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""";
    private static readonly JsonSerializerOptions Wire = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private static CancellationToken None => CancellationToken.None;

    private readonly IdentityFeedSealer _feedSealer = IdentityFeedSealer.FromRootSecret(RootSecret);
    private IdentityFixture _control = null!;
    private IdentityFixture _member = null!;

    public async Task InitializeAsync()
    {
        _control = await IdentityFixture.StartAsync(engine);
        _member = await IdentityFixture.StartAsync(engine);
    }

    public async Task DisposeAsync()
    {
        await _control.DisposeAsync();
        await _member.DisposeAsync();
        _feedSealer.Dispose();
    }

    [Fact]
    public async Task A_member_holds_the_control_regions_directory_across_a_restart_and_follows_its_changes()
    {
        var (account, rootKey) = await _control.Accounts.CreateAsync("acme", new AccountSettings { Email = "ops@acme.test", QuotaBytes = 5 }, None);
        await _control.Users.CreateAsync(account.Id, "alice", "/team/", None, [new IamTag("dept", "ops")]);
        await _control.Inline.PutAsync(PolicyHolderKind.User, account.Id, "alice", "read", AllowGet, None);
        await _control.Groups.CreateAsync(account.Id, "readers", null, None);
        await _control.Groups.AddUserAsync(account.Id, "readers", "alice", None);
        await _control.Roles.CreateAsync(account.Id, "deployer", null,
            $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{account.Id}}:root"},"Action":"sts:AssumeRole"}]}""", "deploys", null, None);
        var aliceKey = await _control.Keys.CreateAsync(account.Id, "alice", None);
        var spareKey = await _control.Keys.CreateAsync(account.Id, "alice", None);
        await _control.Keys.SetActiveAsync(account.Id, "alice", spareKey.AccessKeyId, false, None);

        Assert.True(await _member.Registry.ReplaceAsync(ThroughTheWire(), None));
        AssertSameDirectory(_control.Registry.Current, _member.Registry.Current);

        // The copy is in the member's own tables: a restart cut off from the control region still has it.
        await _member.ReopenAsync();
        AssertSameDirectory(_control.Registry.Current, _member.Registry.Current);
        Assert.Equal(rootKey.Secret, _member.Registry.Current.AccessKeys[rootKey.AccessKeyId].Secret);
        Assert.False(await _member.Registry.ReplaceAsync(ThroughTheWire(), None)); // nothing differs: nothing written

        // Deletions, a status change and a removed membership arrive too.
        await _control.Keys.DeleteAsync(account.Id, "alice", aliceKey.AccessKeyId, None);
        await _control.Keys.SetActiveAsync(account.Id, "alice", spareKey.AccessKeyId, true, None);
        await _control.Groups.RemoveUserAsync(account.Id, "readers", "alice", None);
        await _control.Groups.DeleteAsync(account.Id, "readers", None);
        await _control.Roles.DeleteAsync(account.Id, "deployer", None);
        Assert.True(await _member.Registry.ReplaceAsync(ThroughTheWire(), None));
        await _member.ReopenAsync();
        AssertSameDirectory(_control.Registry.Current, _member.Registry.Current);
        Assert.False(_member.Registry.Current.AccessKeys.ContainsKey(aliceKey.AccessKeyId));
        Assert.True(_member.Registry.Current.AccessKeys[spareKey.AccessKeyId].Active);

        // An account deleted at the control region is gone from the member with its keys.
        await _control.Keys.DeleteAsync(account.Id, "alice", spareKey.AccessKeyId, None);
        await _control.Inline.DeleteAsync(PolicyHolderKind.User, account.Id, "alice", "read", None);
        await _control.Users.DeleteAsync(account.Id, "alice", force: false, None);
        await _control.Accounts.DeleteAsync(account.Id, None);
        Assert.True(await _member.Registry.ReplaceAsync(ThroughTheWire(), None));
        await _member.ReopenAsync();
        AssertSameDirectory(_control.Registry.Current, _member.Registry.Current);
        Assert.False(_member.Registry.Current.AccessKeys.ContainsKey(rootKey.AccessKeyId));
    }

    [Fact]
    public async Task The_feed_carries_no_secret_in_clear_and_opens_only_with_the_same_root_secret()
    {
        var (_, key) = await _control.Accounts.CreateAsync("sealed", null, None);
        var json = JsonSerializer.Serialize(IdentityFeedDocument.From(_control.Registry.Snapshot, _feedSealer.Sealer), Wire);
        Assert.DoesNotContain(key.Secret, json, StringComparison.Ordinal);

        using var otherFederation = IdentityFeedSealer.FromRootSecret("another-federations-root-secret-000000000");
        var document = JsonSerializer.Deserialize<IdentityFeedDocument>(json, Wire)!;
        Assert.ThrowsAny<CryptographicException>(() => document.ToDirectory(otherFederation.Sealer));
        Assert.Equal(key.Secret, document.ToDirectory(_feedSealer.Sealer).AccessKeys[key.AccessKeyId].Secret);
    }

    [Fact]
    public async Task A_following_registry_refuses_its_own_changes()
    {
        _member.Registry.FollowControlRegion("paris");
        var refused = await Assert.ThrowsAsync<IamException>(() => _member.Accounts.CreateAsync("local", null, None));
        Assert.Contains("control region (paris)", refused.Message, StringComparison.Ordinal);
        Assert.Null(_member.Registry.Current.FindAccountByName("local"));
    }

    [Fact]
    public async Task A_long_poll_returns_at_the_next_change_and_at_once_for_an_older_version()
    {
        var seen = _control.Registry.Snapshot;
        var waiting = _control.Registry.WaitForChangeAsync(seen.Version, TimeSpan.FromSeconds(30), None);
        Assert.False(waiting.IsCompleted);
        await _control.Accounts.CreateAsync("wakes", null, None);
        var next = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(next.Version > seen.Version);
        Assert.NotNull(next.Directory.FindAccountByName("wakes"));
        Assert.Equal(seen.Epoch, next.Epoch);

        var atOnce = _control.Registry.WaitForChangeAsync(seen.Version, TimeSpan.FromSeconds(30), None);
        Assert.True(atOnce.IsCompleted);
    }

    /// <summary>The control region's current directory as a member receives it: serialized, sent, read back.</summary>
    private IdentityDirectory ThroughTheWire()
    {
        var json = JsonSerializer.Serialize(IdentityFeedDocument.From(_control.Registry.Snapshot, _feedSealer.Sealer), Wire);
        return JsonSerializer.Deserialize<IdentityFeedDocument>(json, Wire)!.ToDirectory(_feedSealer.Sealer);
    }

    private void AssertSameDirectory(IdentityDirectory expected, IdentityDirectory actual)
    {
        var a = IdentityFeedDocument.From(new IdentitySnapshot(expected, "e", 1), _feedSealer.Sealer);
        var b = IdentityFeedDocument.From(new IdentitySnapshot(actual, "e", 1), _feedSealer.Sealer);
        Assert.Equal(a.Accounts, b.Accounts);
        Assert.Equal(a.Entities, b.Entities);
        Assert.Equal(expected.AccessKeys.Values, actual.AccessKeys.Values);
    }
}

public sealed class IdentityFeedTestsOnSqlite() : IdentityFeedTests(MetadataEngine.Sqlite);

public sealed class IdentityFeedTestsOnPostgres() : IdentityFeedTests(MetadataEngine.Postgres);
