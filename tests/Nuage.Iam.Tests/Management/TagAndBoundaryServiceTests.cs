using Nuage.Iam.Identities;
using Nuage.Iam.Management;
using Nuage.Testing;

namespace Nuage.Iam.Tests.Management;

/// <summary>
/// Tags and permissions boundaries of users and roles ("Tagging IAM resources", "IAM and AWS STS quotas",
/// "Permissions boundaries for IAM entities"): IAM's limits and errors, and both kept across a restart.
/// </summary>
public abstract class TagAndBoundaryServiceTests(MetadataEngine engine) : IAsyncLifetime
{
    private const string Account = RootCredentials.RootAccountId;
    private const string AllowAll = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}""";
    private const string Trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::000000000000:root"},"Action":"sts:AssumeRole"}]}""";
    private IdentityFixture _f = null!;

    public async Task InitializeAsync() => _f = await IdentityFixture.StartAsync(engine);

    public async Task DisposeAsync() => await _f.DisposeAsync();

    private static CancellationToken None => CancellationToken.None;

    [Fact]
    public async Task Tags_are_added_replaced_in_any_case_removed_and_kept_across_a_restart()
    {
        await _f.Users.CreateAsync(Account, "alice", null, None, [new IamTag("team", "blue")]);
        await _f.Tags.TagAsync(PolicyHolderKind.User, Account, "alice", [new IamTag("Team", "red"), new IamTag("env", "")], None);
        Assert.Equal([new IamTag("Team", "red"), new IamTag("env", "")], _f.Tags.List(PolicyHolderKind.User, Account, "alice"));

        await _f.Tags.UntagAsync(PolicyHolderKind.User, Account, "alice", ["ENV", "absent"], None);
        await _f.ReopenAsync();
        Assert.Equal([new IamTag("Team", "red")], _f.Users.Get(Account, "alice").Tags);
    }

    [Theory]
    [InlineData("", "v")]
    [InlineData("aws:team", "v")]
    [InlineData("bad#key", "v")]
    [InlineData("k", "bad*value")]
    public async Task A_bad_tag_is_InvalidInput_and_creates_nothing(string key, string value)
    {
        var e = await Assert.ThrowsAsync<IamException>(() => _f.Users.CreateAsync(Account, "bob", null, None, [new IamTag(key, value)]));
        Assert.Equal(IamErrorCode.InvalidInput, e.Code);
        Assert.Null(_f.Registry.Current.FindUser(Account, "bob"));
    }

    [Fact]
    public void Key_and_value_lengths_and_duplicate_keys_follow_IAM()
    {
        IamTags.Validate([new IamTag(new string('k', 128), new string('v', 256)), new IamTag("unicode é 1", "")]);
        Assert.Equal(IamErrorCode.InvalidInput, Assert.Throws<IamException>(() => IamTags.Validate([new IamTag(new string('k', 129), "")])).Code);
        Assert.Equal(IamErrorCode.InvalidInput, Assert.Throws<IamException>(() => IamTags.Validate([new IamTag("k", new string('v', 257))])).Code);
        Assert.Equal(IamErrorCode.InvalidInput, Assert.Throws<IamException>(() => IamTags.Validate([new IamTag("k", "1"), new IamTag("K", "2")])).Code);
    }

    [Fact]
    public async Task The_fifty_first_tag_is_LimitExceeded_and_changes_nothing()
    {
        var fifty = Enumerable.Range(0, 50).Select(i => new IamTag("k" + i, "v")).ToList();
        await _f.Roles.CreateAsync(Account, "r", null, Trust, null, null, None, fifty);
        var e = await Assert.ThrowsAsync<IamException>(() => _f.Tags.TagAsync(PolicyHolderKind.Role, Account, "r", [new IamTag("one-more", "v")], None));
        Assert.Equal(IamErrorCode.LimitExceeded, e.Code);
        Assert.Equal(50, _f.Roles.Get(Account, "r").Tags.Count);

        // Replacing a tag's value does not add one.
        await _f.Tags.TagAsync(PolicyHolderKind.Role, Account, "r", [new IamTag("K0", "new")], None);
        Assert.Equal(new IamTag("K0", "new"), _f.Roles.Get(Account, "r").Tags[0]);
        var tooMany = Enumerable.Range(0, 51).Select(i => new IamTag("x" + i, "v")).ToList();
        Assert.Equal(IamErrorCode.LimitExceeded, (await Assert.ThrowsAsync<IamException>(() => _f.Users.CreateAsync(Account, "u", null, None, tooMany))).Code);
    }

    [Fact]
    public async Task A_boundary_names_an_existing_managed_policy_of_the_account_and_blocks_its_deletion()
    {
        var policy = await _f.Managed.CreateAsync(Account, "cap", null, AllowAll, null, None);
        var unknown = await Assert.ThrowsAsync<IamException>(() => _f.Users.CreateAsync(Account, "u", null, None, permissionsBoundary: policy.Arn + "x"));
        Assert.Equal(IamErrorCode.NoSuchEntity, unknown.Code);
        Assert.Null(_f.Registry.Current.FindUser(Account, "u"));

        await _f.Users.CreateAsync(Account, "u", null, None, permissionsBoundary: policy.Arn);
        await _f.Roles.CreateAsync(Account, "r", null, Trust, null, null, None);
        await _f.Boundaries.PutAsync(PolicyHolderKind.Role, Account, "r", policy.Arn, None);
        var missing = await Assert.ThrowsAsync<IamException>(() => _f.Boundaries.PutAsync(PolicyHolderKind.Role, Account, "r", "arn:aws:iam::000000000000:policy/none", None));
        Assert.Equal(IamErrorCode.NoSuchEntity, missing.Code);
        Assert.Equal(IamErrorCode.DeleteConflict, (await Assert.ThrowsAsync<IamException>(() => _f.Managed.DeleteAsync(Account, policy.Arn, None))).Code);

        await _f.ReopenAsync();
        Assert.Equal(policy.Arn, _f.Users.Get(Account, "u").PermissionsBoundary);
        Assert.Equal(policy.Arn, _f.Roles.Get(Account, "r").PermissionsBoundary);
        await _f.Boundaries.DeleteAsync(PolicyHolderKind.User, Account, "u", None);
        await _f.Boundaries.DeleteAsync(PolicyHolderKind.Role, Account, "r", None);
        Assert.Null(_f.Users.Get(Account, "u").PermissionsBoundary);
        await _f.Managed.DeleteAsync(Account, policy.Arn, None);
    }
}

public sealed class TagAndBoundaryServiceTestsOnSqlite() : TagAndBoundaryServiceTests(MetadataEngine.Sqlite);

public sealed class TagAndBoundaryServiceTestsOnPostgres() : TagAndBoundaryServiceTests(MetadataEngine.Postgres);
