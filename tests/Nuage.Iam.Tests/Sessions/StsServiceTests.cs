using System.Net;
using Nuage.Iam.Authorization;
using Nuage.Iam.Secrets;
using Nuage.Iam.Sessions;
using Nuage.Iam.Tests.Management;
using Nuage.Testing;

namespace Nuage.Iam.Tests.Sessions;

/// <summary>
/// STS's temporary credentials end to end inside the service layer: issued by <see cref="StsService"/>, resolved by
/// <see cref="DirectoryCredentialResolver"/> from the token alone, on a clock the test moves.
/// </summary>
public abstract class StsServiceTests(MetadataEngine engine) : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly MovableClock _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private IdentityFixture _f = null!;
    private SecretSealer _key = null!;
    private SessionTokenCodec _codec = null!;
    private StsService _sts = null!;
    private DirectoryCredentialResolver _resolver = null!;
    private string _account = null!;
    private string _rootKeyId = null!;

    public async Task InitializeAsync()
    {
        _f = await IdentityFixture.StartAsync(engine);
        Open();
        var (account, rootKey) = await _f.Accounts.CreateAsync("sts-tests", null, None);
        _account = account.Id;
        _rootKeyId = rootKey.AccessKeyId;
    }

    public async Task DisposeAsync()
    {
        _codec.Dispose();
        _key.Dispose();
        await _f.DisposeAsync();
    }

    [Fact]
    public async Task Role_session_resolves_to_the_assumed_role_until_it_expires()
    {
        var role = await CreateRoleAsync("reader", TrustAccount(_account));
        var session = await AssumeAsync(RootOf(_account), role.Arn, "s1", 900, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}");

        Assert.StartsWith("ASIA", session.Credentials.AccessKeyId, StringComparison.Ordinal);
        Assert.Equal(_clock.Now.AddSeconds(900), session.Credentials.Expiration);
        var found = await _resolver.FindAsync(session.Credentials.AccessKeyId, session.Credentials.SessionToken, None);
        var principal = found.Credential!.Principal;
        Assert.Equal(PrincipalKind.AssumedRole, principal.Kind);
        Assert.Equal($"arn:aws:sts::{_account}:assumed-role/reader/s1", principal.Arn);
        Assert.Equal(role.Id + ":s1", principal.UserId);
        Assert.Equal(new RoleSession("reader", role.Arn, "s1", principal.Session!.SessionPolicy), principal.Session);
        Assert.Contains("s3:GetObject", principal.Session.SessionPolicy, StringComparison.Ordinal);
        Assert.Equal(session.Credentials.SecretAccessKey, found.Credential.SecretAccessKey);

        _clock.Now = session.Credentials.Expiration.AddSeconds(-1);
        Assert.Equal(CredentialFailure.None, (await Find(session.Credentials)).Failure);
        _clock.Now = session.Credentials.Expiration;
        Assert.Equal(CredentialFailure.ExpiredToken, (await Find(session.Credentials)).Failure);
    }

    [Fact]
    public async Task Forged_garbled_or_borrowed_tokens_are_InvalidToken()
    {
        var role = await CreateRoleAsync("forged", TrustAccount(_account));
        var c = (await AssumeAsync(RootOf(_account), role.Arn, "sx", null, null)).Credentials;
        var flipped = c.SessionToken[..^3] + (c.SessionToken[^3] == 'A' ? 'B' : 'A') + c.SessionToken[^2..];

        Assert.Equal(CredentialFailure.InvalidToken, (await _resolver.FindAsync(c.AccessKeyId, flipped, None)).Failure);
        Assert.Equal(CredentialFailure.InvalidToken, (await _resolver.FindAsync(c.AccessKeyId, "garbage", None)).Failure);
        Assert.Equal(CredentialFailure.InvalidToken, (await _resolver.FindAsync("ASIAOTHERKEY0000000", c.SessionToken, None)).Failure);
        Assert.Equal(CredentialFailure.UnknownKey, (await _resolver.FindAsync(c.AccessKeyId, null, None)).Failure);
    }

    [Fact]
    public async Task Session_of_a_deleted_role_stops_at_once_even_if_the_name_comes_back()
    {
        var role = await CreateRoleAsync("doomed", TrustAccount(_account));
        var c = (await AssumeAsync(RootOf(_account), role.Arn, "sx", null, null)).Credentials;
        await _f.Roles.DeleteAsync(_account, "doomed", None);
        Assert.Equal(CredentialFailure.InvalidToken, (await Find(c)).Failure);
        await CreateRoleAsync("doomed", TrustAccount(_account));
        Assert.Equal(CredentialFailure.InvalidToken, (await Find(c)).Failure);
    }

    [Fact]
    public async Task User_session_acts_as_the_user_and_dies_with_its_key_or_the_user()
    {
        await _f.Users.CreateAsync(_account, "una", null, None);
        var key = await _f.Keys.CreateAsync(_account, "una", None);
        var user = (await _resolver.FindAsync(key.AccessKeyId, None))!.Principal;
        var c = _sts.GetSessionToken(user, null);

        Assert.Equal(_clock.Now.AddSeconds(StsService.DefaultSessionTokenSeconds), c.Expiration);
        var session = (await Find(c)).Credential!.Principal;
        Assert.Equal((PrincipalKind.User, user.Arn, "una", c.AccessKeyId), (session.Kind, session.Arn, session.UserName, session.AccessKeyId));

        await _f.Keys.SetActiveAsync(_account, "una", key.AccessKeyId, false, None);
        Assert.Equal(CredentialFailure.InvalidToken, (await Find(c)).Failure);
        await _f.Keys.SetActiveAsync(_account, "una", key.AccessKeyId, true, None);
        Assert.Equal(CredentialFailure.None, (await Find(c)).Failure);
        await _f.Users.DeleteAsync(_account, "una", force: true, None);
        Assert.Equal(CredentialFailure.InvalidToken, (await Find(c)).Failure);
    }

    [Fact]
    public async Task Session_credentials_cannot_get_a_session_token_and_durations_are_bounded()
    {
        var root = (await _resolver.FindAsync(_rootKeyId, None))!.Principal;
        Assert.Equal(IamErrorCode.ValidationError, Assert.Throws<IamException>(() => _sts.GetSessionToken(root, 899)).Code);
        Assert.Equal(IamErrorCode.ValidationError, Assert.Throws<IamException>(() => _sts.GetSessionToken(root, 3601)).Code);
        var c = _sts.GetSessionToken(root, 3600);
        var session = (await Find(c)).Credential!.Principal;
        Assert.Equal(IamErrorCode.AccessDenied, Assert.Throws<IamException>(() => _sts.GetSessionToken(session, null)).Code);

        var role = await CreateRoleAsync("bounded", TrustAccount(_account));
        var tooLong = await Assert.ThrowsAsync<IamException>(() => AssumeAsync(root, role.Arn, "sx", 7200, null));
        Assert.Equal(IamErrorCode.ValidationError, tooLong.Code);
    }

    [Fact]
    public async Task Trust_policy_decides_who_may_assume_and_cross_account_callers_need_their_own_allow()
    {
        var other = (await _f.Accounts.CreateAsync("sts-other", null, None)).Account.Id;
        await _f.Users.CreateAsync(other, "olga", null, None);
        var olgaKey = await _f.Keys.CreateAsync(other, "olga", None);
        var olga = (await _resolver.FindAsync(olgaKey.AccessKeyId, None))!.Principal;
        var role = await CreateRoleAsync("shared", TrustAccount(other));
        var closed = await CreateRoleAsync("closed", TrustAccount(_account));

        Assert.Equal(IamErrorCode.AccessDenied, (await Assert.ThrowsAsync<IamException>(() => AssumeAsync(olga, role.Arn, "sx", null, null))).Code);
        await _f.Inline.PutAsync(
            Nuage.Iam.Management.PolicyHolderKind.User, other, "olga", "assume",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}]}", None);
        Assert.Equal(role.Id + ":sx", (await AssumeAsync(olga, role.Arn, "sx", null, null)).AssumedRoleId);
        Assert.Equal(IamErrorCode.AccessDenied, (await Assert.ThrowsAsync<IamException>(() => AssumeAsync(olga, closed.Arn, "sx", null, null))).Code);
        Assert.Equal(IamErrorCode.AccessDenied, (await Assert.ThrowsAsync<IamException>(
            () => AssumeAsync(olga, $"arn:aws:iam::{_account}:role/missing", "sx", null, null))).Code);
    }

    [Fact]
    public async Task Tokens_survive_a_restart()
    {
        var role = await CreateRoleAsync("durable", TrustAccount(_account));
        var c = (await AssumeAsync(RootOf(_account), role.Arn, "sx", null, null)).Credentials;
        await _f.ReopenAsync();
        _codec.Dispose();
        _key.Dispose();
        Open();
        Assert.Equal(CredentialFailure.None, (await Find(c)).Failure);
    }

    private void Open()
    {
        _key = SecretSealer.LoadOrCreate(_f.DataDirectory);
        _codec = new SessionTokenCodec(_key);
        _sts = new StsService(_f.Registry, _codec, new AccessAuthorizer(_f.Registry), _clock);
        _resolver = new DirectoryCredentialResolver(_f.Registry, RootCredentials.LoadOrCreate(_f.DataDirectory, _ => null), _codec, _clock);
    }

    private ValueTask<CredentialLookup> Find(TemporaryCredentials c) => _resolver.FindAsync(c.AccessKeyId, c.SessionToken, None);

    private static Principal RootOf(string account) => new(account, "AKIAROOT", account);

    private static string TrustAccount(string account) =>
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + account + ":root\"},\"Action\":\"sts:AssumeRole\"}]}";

    private Task<Identities.IamRole> CreateRoleAsync(string name, string trust) => _f.Roles.CreateAsync(_account, name, null, trust, null, null, None);

    private Task<AssumedRoleSession> AssumeAsync(Principal caller, string roleArn, string session, int? seconds, string? policy) =>
        _sts.AssumeRoleAsync(new AccessQuery(caller, "sts:AssumeRole", roleArn, IPAddress.Loopback, false, _clock.GetUtcNow()), session, seconds, policy, None);

    private sealed class MovableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}

public sealed class StsServiceTestsOnSqlite() : StsServiceTests(MetadataEngine.Sqlite);

public sealed class StsServiceTestsOnPostgres() : StsServiceTests(MetadataEngine.Postgres);
