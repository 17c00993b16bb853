using Nuage.Iam.Policies;
using static Nuage.Iam.Tests.Policies.PolicyTestData;

namespace Nuage.Iam.Tests.Policies;

/// <summary>The whole decision ("Policy evaluation logic", "Cross-account policy evaluation logic", "Session policies").</summary>
public sealed class AccessEvaluatorTests
{
    private const string GrantAlice = """{"AWS":"arn:aws:iam::111122223333:user/alice"}""";
    private const string GrantCarol = """{"AWS":"arn:aws:iam::444455556666:user/carol"}""";
    private const string GrantRole = """{"AWS":"arn:aws:iam::111122223333:role/reader"}""";
    private const string GrantSession = """{"AWS":"arn:aws:sts::111122223333:assumed-role/reader/s1"}""";

    private static AccessOutcome Decide(
        PolicyPrincipal caller,
        string? identity = null,
        string? bucketPolicy = null,
        string? session = null,
        string? owner = Account,
        string action = "s3:GetObject",
        string resource = ObjectArn)
    {
        var request = new AccessRequest(
            Request(caller, action, resource),
            identity is null ? [] : [Identity(identity)],
            session is null ? null : SessionPolicy(session),
            owner,
            bucketPolicy is null ? null : BucketPolicy(bucketPolicy));
        var outcome = AccessEvaluator.Explain(request);
        Assert.Equal(outcome.Decision, AccessEvaluator.Decide(request));
        return outcome;
    }

    [Fact]
    public void Explicit_deny_beats_allow() =>
        Assert.Equal(AccessDecision.ExplicitDeny, Decide(Alice, identity: Allow() + "," + Deny("s3:GetObject")).Decision);

    [Fact]
    public void Explicit_deny_in_one_identity_policy_beats_an_allow_in_another()
    {
        var request = new AccessRequest(Request(Alice), [Identity(Allow()), Identity(Deny())], null, Account, null);
        Assert.Equal(AccessDecision.ExplicitDeny, AccessEvaluator.Decide(request));
    }

    [Fact]
    public void Resource_policy_deny_beats_an_identity_allow() =>
        Assert.Equal(AccessDecision.ExplicitDeny, Decide(Alice, identity: Allow(), bucketPolicy: Grant(GrantAlice, "Deny")).Decision);

    [Fact]
    public void Session_policy_deny_beats_an_identity_allow() =>
        Assert.Equal(AccessDecision.ExplicitDeny, Decide(Session, identity: Allow(), session: Allow() + "," + Deny("s3:GetObject")).Decision);

    [Fact]
    public void Operator_is_allowed_even_against_a_deny() =>
        Assert.Equal(AccessDecision.Allow, Decide(PolicyPrincipal.Operator("root"), bucketPolicy: Grant("\"*\"", "Deny")).Decision);

    [Fact]
    public void Account_root_is_allowed_on_its_own_resources_without_policies() =>
        Assert.Equal(AccessDecision.Allow, Decide(Root).Decision);

    [Fact]
    public void Account_root_is_still_bound_by_a_resource_policy_deny() =>
        Assert.Equal(AccessDecision.ExplicitDeny, Decide(Root, bucketPolicy: Grant("{\"AWS\":\"111122223333\"}", "Deny")).Decision);

    [Fact]
    public void Same_account_user_is_allowed_by_an_identity_policy() =>
        Assert.Equal(AccessDecision.Allow, Decide(Alice, identity: Allow()).Decision);

    [Fact]
    public void Same_account_user_without_policies_is_implicitly_denied() =>
        Assert.Equal(AccessDecision.ImplicitDeny, Decide(Alice).Decision);

    [Fact]
    public void Same_account_user_is_allowed_by_a_resource_policy_naming_the_user() =>
        Assert.Equal(AccessDecision.Allow, Decide(Alice, bucketPolicy: Grant(GrantAlice)).Decision);

    [Fact]
    public void Same_account_grant_to_the_account_only_delegates_to_identity_policies()
    {
        Assert.Equal(AccessDecision.ImplicitDeny, Decide(Alice, bucketPolicy: Grant("{\"AWS\":\"111122223333\"}")).Decision);
        Assert.Equal(AccessDecision.Allow, Decide(Alice, identity: Allow(), bucketPolicy: Grant("{\"AWS\":\"111122223333\"}")).Decision);
    }

    [Fact]
    public void Identity_allow_for_another_action_does_not_allow() =>
        Assert.Equal(AccessDecision.ImplicitDeny, Decide(Alice, identity: Allow("s3:PutObject")).Decision);

    [Theory]
    [InlineData(true, true, AccessDecision.Allow)]
    [InlineData(true, false, AccessDecision.ImplicitDeny)]
    [InlineData(false, true, AccessDecision.ImplicitDeny)]
    public void Role_session_permissions_are_the_intersection_of_identity_and_session_policies(bool identityAllows, bool sessionAllows, AccessDecision expected)
    {
        var outcome = Decide(Session, identity: identityAllows ? Allow() : Allow("s3:PutObject"), session: sessionAllows ? Allow() : Allow("s3:PutObject"));
        Assert.Equal(expected, outcome.Decision);
    }

    [Fact]
    public void Role_session_without_a_session_policy_has_the_roles_permissions() =>
        Assert.Equal(AccessDecision.Allow, Decide(Session, identity: Allow()).Decision);

    [Fact]
    public void Resource_policy_naming_the_session_is_not_narrowed_by_the_session_policy() =>
        Assert.Equal(AccessDecision.Allow, Decide(Session, bucketPolicy: Grant(GrantSession), session: Allow("s3:PutObject")).Decision);

    [Theory]
    [InlineData("s3:PutObject", AccessDecision.ImplicitDeny)]
    [InlineData("s3:GetObject", AccessDecision.Allow)]
    public void Resource_policy_naming_the_role_is_narrowed_by_the_session_policy(string sessionAction, AccessDecision expected)
    {
        var outcome = Decide(Session, bucketPolicy: Grant(GrantRole), session: Allow(sessionAction));
        Assert.Equal(expected, outcome.Decision);
    }

    [Fact]
    public void Resource_policy_naming_the_role_allows_a_session_without_a_session_policy() =>
        Assert.Equal(AccessDecision.Allow, Decide(Session, bucketPolicy: Grant(GrantRole)).Decision);

    [Theory]
    [InlineData(true, false, AccessDecision.ImplicitDeny)]
    [InlineData(false, true, AccessDecision.ImplicitDeny)]
    [InlineData(true, true, AccessDecision.Allow)]
    public void Cross_account_needs_both_the_identity_and_the_resource_side(bool identityAllows, bool resourceAllows, AccessDecision expected)
    {
        var outcome = Decide(Carol, identity: identityAllows ? Allow() : null, bucketPolicy: resourceAllows ? Grant(GrantCarol) : null);
        Assert.Equal(expected, outcome.Decision);
    }

    [Theory]
    [InlineData("{\"AWS\":\"444455556666\"}", AccessDecision.Allow)]
    [InlineData("{\"AWS\":\"arn:aws:iam::444455556666:root\"}", AccessDecision.Allow)]
    [InlineData("\"*\"", AccessDecision.Allow)]
    [InlineData("{\"AWS\":\"arn:aws:iam::444455556666:user/someone-else\"}", AccessDecision.ImplicitDeny)]
    [InlineData("{\"AWS\":\"111122223333\"}", AccessDecision.ImplicitDeny)]
    public void Cross_account_resource_side_is_granted_by_the_account_the_user_or_everyone(string principal, AccessDecision expected) =>
        Assert.Equal(expected, Decide(Carol, identity: Allow(), bucketPolicy: Grant(principal)).Decision);

    [Fact]
    public void Cross_account_root_counts_as_allowed_on_its_own_side() =>
        Assert.Equal(AccessDecision.Allow, Decide(OtherRoot, bucketPolicy: Grant("{\"AWS\":\"444455556666\"}")).Decision);

    [Fact]
    public void Cross_account_session_needs_the_session_policy_on_its_side()
    {
        var foreignSession = PolicyPrincipal.AssumedRole(OtherAccount, "reader", "AROAX", "s9");
        Assert.Equal(AccessDecision.ImplicitDeny, Decide(foreignSession, identity: Allow(), bucketPolicy: Grant("\"*\""), session: Allow("s3:PutObject")).Decision);
        Assert.Equal(AccessDecision.Allow, Decide(foreignSession, identity: Allow(), bucketPolicy: Grant("\"*\""), session: Allow()).Decision);
    }

    [Theory]
    [InlineData("\"*\"", AccessDecision.Allow)]
    [InlineData("{\"AWS\":\"*\"}", AccessDecision.Allow)]
    [InlineData("{\"AWS\":\"111122223333\"}", AccessDecision.ImplicitDeny)]
    public void Anonymous_is_allowed_only_by_a_grant_to_everyone(string principal, AccessDecision expected) =>
        Assert.Equal(expected, Decide(Anonymous, bucketPolicy: Grant(principal)).Decision);

    [Fact]
    public void Anonymous_without_a_resource_policy_is_implicitly_denied() =>
        Assert.Equal(AccessDecision.ImplicitDeny, Decide(Anonymous).Decision);

    [Fact]
    public void Anonymous_is_explicitly_denied_by_a_deny_to_everyone() =>
        Assert.Equal(AccessDecision.ExplicitDeny, Decide(Anonymous, bucketPolicy: Grant("\"*\"") + "," + Grant("\"*\"", "Deny")).Decision);

    [Fact]
    public void Anonymous_cannot_act_without_a_resource() =>
        Assert.Equal(AccessDecision.ImplicitDeny, Decide(Anonymous, owner: null, action: "s3:ListAllMyBuckets", resource: "*").Decision);

    [Theory]
    [InlineData("alice", true, AccessDecision.Allow)]
    [InlineData("alice", false, AccessDecision.ImplicitDeny)]
    [InlineData("root", false, AccessDecision.Allow)]
    public void Without_a_resource_owner_identity_policies_alone_decide(string caller, bool identityAllows, AccessDecision expected)
    {
        var outcome = Decide(
            PrincipalMatchingTests.Caller(caller),
            identity: identityAllows ? Allow("s3:ListAllMyBuckets") : null,
            owner: null,
            action: "s3:ListAllMyBuckets",
            resource: "*");
        Assert.Equal(expected, outcome.Decision);
    }

    [Fact]
    public void Public_read_bucket_policy_allows_everyone_and_a_deny_on_a_prefix_still_wins()
    {
        var policy = Grant("\"*\"") + "," + Grant("\"*\"", "Deny", resource: "arn:aws:s3:::photos/home/*");
        Assert.Equal(AccessDecision.Allow, Decide(Carol, identity: Allow(), bucketPolicy: policy, resource: "arn:aws:s3:::photos/public/a").Decision);
        Assert.Equal(AccessDecision.ExplicitDeny, Decide(Carol, identity: Allow(), bucketPolicy: policy).Decision);
    }

    [Fact]
    public void Outcome_explains_its_reason()
    {
        Assert.Contains("resource policy denies", Decide(Alice, identity: Allow(), bucketPolicy: Grant(GrantAlice, "Deny")).Reason, StringComparison.Ordinal);
        Assert.Contains("cross-account", Decide(Carol, identity: Allow()).Reason, StringComparison.Ordinal);
        Assert.Contains("session policy", Decide(Session, bucketPolicy: Grant(GrantRole), session: Allow("s3:PutObject")).Reason, StringComparison.Ordinal);
    }
}
