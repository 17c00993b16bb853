using Nuage.Iam.Identities;
using Nuage.Iam.Management;
using Nuage.Testing;

namespace Nuage.Iam.Tests.Management;

/// <summary>Accounts, users, groups, keys and policies: IAM's rules, kept across a restart, secrets never stored in clear.</summary>
public abstract class IdentityServiceTests(MetadataEngine engine) : IAsyncLifetime
{
    private const string AllowGet = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}""";
    private IdentityFixture _f = null!;

    public async Task InitializeAsync() => _f = await IdentityFixture.StartAsync(engine);

    public async Task DisposeAsync() => await _f.DisposeAsync();

    private static CancellationToken None => CancellationToken.None;

    [Fact]
    public void The_operators_account_exists_from_the_migration()
    {
        var operatorAccount = _f.Accounts.Get(RootCredentials.RootAccountId);
        Assert.Equal("operator", operatorAccount.Name);
    }

    [Fact]
    public async Task Account_creation_returns_a_root_key_and_names_are_unique()
    {
        var (account, key) = await _f.Accounts.CreateAsync("acme", new AccountSettings { Email = "ops@acme.test" }, None);
        Assert.Matches("^[1-9][0-9]{11}$", account.Id);
        Assert.Matches("^AKIA[A-Z2-7]{16}$", key.AccessKeyId);
        Assert.Equal(40, key.Secret.Length);
        Assert.Null(key.UserName);
        Assert.Same(account, _f.Accounts.Get("acme"));

        var duplicate = await Assert.ThrowsAsync<IamException>(() => _f.Accounts.CreateAsync("acme", null, None));
        Assert.Equal(IamErrorCode.EntityAlreadyExists, duplicate.Code);
        var invalid = await Assert.ThrowsAsync<IamException>(() => _f.Accounts.CreateAsync("a/b", null, None));
        Assert.Equal(IamErrorCode.InvalidInput, invalid.Code);
    }

    [Fact]
    public async Task Everything_survives_a_restart_and_secrets_are_sealed_on_disk()
    {
        var (account, rootKey) = await _f.Accounts.CreateAsync("persist", null, None);
        await _f.Users.CreateAsync(account.Id, "alice", "/team/", None);
        var userKey = await _f.Keys.CreateAsync(account.Id, "alice", None);
        await _f.Groups.CreateAsync(account.Id, "readers", null, None);
        await _f.Groups.AddUserAsync(account.Id, "readers", "alice", None);
        await _f.Inline.PutAsync(PolicyHolderKind.Group, account.Id, "readers", "get", AllowGet, None);
        var managed = await _f.Managed.CreateAsync(account.Id, "list", null, AllowGet, "d", None);
        await _f.Managed.AttachAsync(PolicyHolderKind.User, account.Id, "alice", managed.Arn, None);
        await _f.Keys.SetActiveAsync(account.Id, "alice", userKey.AccessKeyId, false, None);

        await _f.ReopenAsync();

        var directory = _f.Registry.Current;
        var alice = directory.FindUser(account.Id, "alice")!;
        Assert.Equal("/team/", alice.Path);
        Assert.Equal($"arn:aws:iam::{account.Id}:user/team/alice", alice.Arn);
        Assert.Equal(["readers"], alice.Groups);
        Assert.Equal([managed.Arn], alice.AttachedPolicies);
        Assert.Equal(AllowGet, directory.FindGroup(account.Id, "readers")!.InlinePolicies["get"]);
        Assert.Equal(userKey.Secret, directory.AccessKeys[userKey.AccessKeyId].Secret);
        Assert.False(directory.AccessKeys[userKey.AccessKeyId].Active);
        Assert.Equal(rootKey.Secret, directory.AccessKeys[rootKey.AccessKeyId].Secret);

        // The database holds no secret in clear (the rows that could: sealed secrets, entities, account settings),
        // and the sealing key file is the owner's only.
        var stored = new List<object?>();
        foreach (var column in new[] { "SELECT sealed_secret FROM access_keys", "SELECT body FROM identities", "SELECT settings FROM accounts" })
        {
            stored.AddRange(DirectMetadataWrites.Column(engine, _f.DataDirectory, column));
        }

        var text = string.Concat(stored.Select(v => v is byte[] bytes ? System.Text.Encoding.Latin1.GetString(bytes) : (string)v!));
        Assert.DoesNotContain(userKey.Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(rootKey.Secret, text, StringComparison.Ordinal);
        if (engine == MetadataEngine.Sqlite)
        {
            // Where the database is a file of the data directory, not a byte of it (free pages and WAL included) either.
            var database = File.ReadAllBytes(Path.Combine(_f.DataDirectory, "metadata.db"))
                .Concat(File.Exists(Path.Combine(_f.DataDirectory, "metadata.db-wal")) ? File.ReadAllBytes(Path.Combine(_f.DataDirectory, "metadata.db-wal")) : []).ToArray();
            Assert.DoesNotContain(userKey.Secret, System.Text.Encoding.Latin1.GetString(database), StringComparison.Ordinal);
            Assert.DoesNotContain(rootKey.Secret, System.Text.Encoding.Latin1.GetString(database), StringComparison.Ordinal);
        }

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_f.DataDirectory, "identity.key")));
        }
    }

    [Fact]
    public async Task A_sealed_secret_moved_to_another_keys_row_does_not_open()
    {
        var (account, first) = await _f.Accounts.CreateAsync("swap", null, None);
        await _f.Users.CreateAsync(account.Id, "bob", null, None);
        var second = await _f.Keys.CreateAsync(account.Id, "bob", None);
        Assert.Equal(1, DirectMetadataWrites.Execute(
            engine, _f.DataDirectory,
            "UPDATE access_keys SET sealed_secret = (SELECT sealed_secret FROM access_keys WHERE access_key_id = $1) WHERE access_key_id = $2",
            first.AccessKeyId, second.AccessKeyId));

        await Assert.ThrowsAnyAsync<System.Security.Cryptography.CryptographicException>(() => _f.ReopenAsync());
    }

    [Fact]
    public async Task A_user_holds_at_most_two_keys()
    {
        var (account, _) = await _f.Accounts.CreateAsync("limits", null, None);
        await _f.Users.CreateAsync(account.Id, "carol", null, None);
        await _f.Keys.CreateAsync(account.Id, "carol", None);
        await _f.Keys.CreateAsync(account.Id, "carol", None);
        var third = await Assert.ThrowsAsync<IamException>(() => _f.Keys.CreateAsync(account.Id, "carol", None));
        Assert.Equal(IamErrorCode.LimitExceeded, third.Code);
        Assert.Equal(2, _f.Keys.List(account.Id, "carol").Count);
    }

    [Fact]
    public async Task Deleting_a_user_with_keys_or_policies_is_a_conflict_unless_forced()
    {
        var (account, _) = await _f.Accounts.CreateAsync("deletes", null, None);
        await _f.Users.CreateAsync(account.Id, "dave", null, None);
        var key = await _f.Keys.CreateAsync(account.Id, "dave", None);
        var conflict = await Assert.ThrowsAsync<IamException>(() => _f.Users.DeleteAsync(account.Id, "dave", force: false, None));
        Assert.Equal(IamErrorCode.DeleteConflict, conflict.Code);

        await _f.Users.DeleteAsync(account.Id, "dave", force: true, None);
        Assert.False(_f.Registry.Current.AccessKeys.ContainsKey(key.AccessKeyId));
        var gone = Assert.Throws<IamException>(() => _f.Users.Get(account.Id, "dave"));
        Assert.Equal(IamErrorCode.NoSuchEntity, gone.Code);
    }

    [Fact]
    public async Task Names_are_unique_regardless_of_case_and_separate_per_account()
    {
        var (a, _) = await _f.Accounts.CreateAsync("tenant-a", null, None);
        var (b, _) = await _f.Accounts.CreateAsync("tenant-b", null, None);
        await _f.Users.CreateAsync(a.Id, "Erin", null, None);
        var duplicate = await Assert.ThrowsAsync<IamException>(() => _f.Users.CreateAsync(a.Id, "erin", null, None));
        Assert.Equal(IamErrorCode.EntityAlreadyExists, duplicate.Code);
        await _f.Users.CreateAsync(b.Id, "erin", null, None);
        Assert.Single(_f.Users.List(a.Id, null));
        Assert.Single(_f.Users.List(b.Id, null));
    }

    [Theory]
    [InlineData("not json", IamErrorCode.MalformedPolicyDocument)]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:NoSuchAction","Resource":"*"}]}""", IamErrorCode.MalformedPolicyDocument)]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}""", IamErrorCode.MalformedPolicyDocument)]
    public async Task Bad_inline_policies_are_refused_with_IAMs_code(string document, IamErrorCode expected)
    {
        var (account, _) = await _f.Accounts.CreateAsync("badpolicy", null, None);
        await _f.Users.CreateAsync(account.Id, "frank", null, None);
        var error = await Assert.ThrowsAsync<IamException>(() => _f.Inline.PutAsync(PolicyHolderKind.User, account.Id, "frank", "p", document, None));
        Assert.Equal(expected, error.Code);
        Assert.Empty(_f.Inline.List(PolicyHolderKind.User, account.Id, "frank"));
    }

    [Fact]
    public async Task A_user_inline_policy_over_2048_characters_is_refused_and_a_role_one_is_not()
    {
        var (account, _) = await _f.Accounts.CreateAsync("sizes", null, None);
        await _f.Users.CreateAsync(account.Id, "gina", null, None);
        var resources = string.Join(",", Enumerable.Range(0, 90).Select(i => $"\"arn:aws:s3:::bucket-{i:D3}/*\""));
        var large = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":[{{resources}}]}]}""";
        Assert.InRange(large.Length, 2049, 5000);
        var error = await Assert.ThrowsAsync<IamException>(() => _f.Inline.PutAsync(PolicyHolderKind.User, account.Id, "gina", "big", large, None));
        Assert.Equal(IamErrorCode.LimitExceeded, error.Code);

        const string Trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::000000000000:root"},"Action":"sts:AssumeRole"}]}""";
        await _f.Roles.CreateAsync(account.Id, "reader", null, Trust, null, null, None);
        await _f.Inline.PutAsync(PolicyHolderKind.Role, account.Id, "reader", "big", large, None);
    }

    [Fact]
    public async Task Managed_policy_versions_attachments_and_deletion_follow_IAM()
    {
        var (account, _) = await _f.Accounts.CreateAsync("managed", null, None);
        var policy = await _f.Managed.CreateAsync(account.Id, "p", "/x/", AllowGet, null, None);
        Assert.Equal($"arn:aws:iam::{account.Id}:policy/x/p", policy.Arn);
        for (var i = 2; i <= 5; i++)
        {
            Assert.Equal("v" + i, (await _f.Managed.CreateVersionAsync(account.Id, policy.Arn, AllowGet, setAsDefault: i == 3, None)).VersionId);
        }

        Assert.Equal(IamErrorCode.LimitExceeded, (await Assert.ThrowsAsync<IamException>(() => _f.Managed.CreateVersionAsync(account.Id, policy.Arn, AllowGet, false, None))).Code);
        Assert.Equal("v3", _f.Managed.Get(account.Id, policy.Arn).DefaultVersionId);
        Assert.Equal(IamErrorCode.DeleteConflict, (await Assert.ThrowsAsync<IamException>(() => _f.Managed.DeleteVersionAsync(account.Id, policy.Arn, "v3", None))).Code);

        await _f.Groups.CreateAsync(account.Id, "g", null, None);
        await _f.Managed.AttachAsync(PolicyHolderKind.Group, account.Id, "g", policy.Arn, None);
        Assert.Equal([(PolicyHolderKind.Group, "g")], _f.Managed.Entities(account.Id, policy.Arn));
        Assert.Equal(IamErrorCode.DeleteConflict, (await Assert.ThrowsAsync<IamException>(() => _f.Managed.DeleteAsync(account.Id, policy.Arn, None))).Code);
        await _f.Managed.DetachAsync(PolicyHolderKind.Group, account.Id, "g", policy.Arn, None);
        foreach (var version in new[] { "v1", "v2", "v4", "v5" })
        {
            await _f.Managed.DeleteVersionAsync(account.Id, policy.Arn, version, None);
        }

        await _f.Managed.DeleteAsync(account.Id, policy.Arn, None);
        Assert.Empty(_f.Managed.List(account.Id, null, onlyAttached: false));

        // Another account cannot see or attach it.
        var (other, _) = await _f.Accounts.CreateAsync("other", null, None);
        var mine = await _f.Managed.CreateAsync(account.Id, "mine", null, AllowGet, null, None);
        await _f.Users.CreateAsync(other.Id, "h", null, None);
        Assert.Equal(IamErrorCode.NoSuchEntity, (await Assert.ThrowsAsync<IamException>(() => _f.Managed.AttachAsync(PolicyHolderKind.User, other.Id, "h", mine.Arn, None))).Code);
    }

    [Fact]
    public async Task Account_deletion_removes_its_identities_and_keys()
    {
        var (account, rootKey) = await _f.Accounts.CreateAsync("leaving", null, None);
        await _f.Users.CreateAsync(account.Id, "ivan", null, None);
        var key = await _f.Keys.CreateAsync(account.Id, "ivan", None);
        await _f.Accounts.DeleteAsync("leaving", None);
        Assert.False(_f.Registry.Current.AccessKeys.ContainsKey(key.AccessKeyId));
        Assert.False(_f.Registry.Current.AccessKeys.ContainsKey(rootKey.AccessKeyId));
        await _f.ReopenAsync();
        Assert.Null(_f.Registry.Current.FindUser(account.Id, "ivan"));
        Assert.Equal(IamErrorCode.DeleteConflict, (await Assert.ThrowsAsync<IamException>(() => _f.Accounts.DeleteAsync(RootCredentials.RootAccountId, None))).Code);
    }

    [Fact]
    public async Task Resolver_finds_active_keys_only_and_derives_the_principal()
    {
        var (account, rootKey) = await _f.Accounts.CreateAsync("resolve", null, None);
        await _f.Users.CreateAsync(account.Id, "judy", "/p/", None);
        var key = await _f.Keys.CreateAsync(account.Id, "judy", None);
        var root = RootCredentials.LoadOrCreate(_f.DataDirectory, _ => null);
        var resolver = new DirectoryCredentialResolver(_f.Registry, root);

        var user = (await resolver.FindAsync(key.AccessKeyId, None))!;
        Assert.Equal(key.Secret, user.SecretAccessKey);
        Assert.Equal(PrincipalKind.User, user.Principal.Kind);
        Assert.Equal($"arn:aws:iam::{account.Id}:user/p/judy", user.Principal.Arn);
        Assert.Equal("judy", user.Principal.UserName);
        Assert.StartsWith("AIDA", user.Principal.UserId, StringComparison.Ordinal);
        Assert.Equal(PrincipalKind.AccountRoot, (await resolver.FindAsync(rootKey.AccessKeyId, None))!.Principal.Kind);
        Assert.Equal(PrincipalKind.Operator, (await resolver.FindAsync(root.AccessKeyId, None))!.Principal.Kind);

        await _f.Keys.SetActiveAsync(account.Id, "judy", key.AccessKeyId, false, None);
        Assert.Null(await resolver.FindAsync(key.AccessKeyId, None));
        await _f.Keys.SetActiveAsync(account.Id, "judy", key.AccessKeyId, true, None);
        Assert.NotNull(await resolver.FindAsync(key.AccessKeyId, None));
        await _f.Keys.DeleteAsync(account.Id, "judy", key.AccessKeyId, None);
        Assert.Null(await resolver.FindAsync(key.AccessKeyId, None));
    }
}

public sealed class IdentityServiceTestsOnSqlite() : IdentityServiceTests(MetadataEngine.Sqlite);

public sealed class IdentityServiceTestsOnPostgres() : IdentityServiceTests(MetadataEngine.Postgres);
