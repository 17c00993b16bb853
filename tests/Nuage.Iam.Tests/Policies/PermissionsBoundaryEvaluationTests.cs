using Nuage.Iam.Policies;
using static Nuage.Iam.Tests.Policies.PolicyTestData;

namespace Nuage.Iam.Tests.Policies;

/// <summary>
/// AWS "Permissions boundaries for IAM entities" and "Policy evaluation logic": with a boundary, an identity allow
/// counts only where the boundary allows too; a deny in either wins; the boundary grants nothing alone; a same-account
/// resource policy naming the user (or the session) is not limited by it, one naming the session's role is.
/// </summary>
public sealed class PermissionsBoundaryEvaluationTests
{
    private const string GrantAlice = """{"AWS":"arn:aws:iam::111122223333:user/alice"}""";
    private const string GrantRole = """{"AWS":"arn:aws:iam::111122223333:role/reader"}""";
    private const string GrantSession = """{"AWS":"arn:aws:sts::111122223333:assumed-role/reader/s1"}""";

    private static AccessOutcome Decide(
        PolicyPrincipal caller, string? identity, string? boundary, string? bucketPolicy = null, string? owner = Account, string action = "s3:GetObject")
    {
        var request = new AccessRequest(
            Request(caller, action),
            identity is null ? [] : [Identity(identity)],
            null,
            owner,
            bucketPolicy is null ? null : BucketPolicy(bucketPolicy),
            boundary is null ? null : Identity(boundary));
        var outcome = AccessEvaluator.Explain(request);
        Assert.Equal(outcome.Decision, AccessEvaluator.Decide(request));
        return outcome;
    }

    [Fact]
    public void An_action_both_the_identity_policy_and_the_boundary_allow_is_allowed() =>
        Assert.Equal(AccessDecision.Allow, Decide(Alice, identity: Allow(), boundary: Allow("s3:GetObject")).Decision);

    [Fact]
    public void An_identity_allow_outside_the_boundary_is_an_implicit_deny()
    {
        var outcome = Decide(Alice, identity: Allow(), boundary: Allow("s3:ListBucket"));
        Assert.Equal(AccessDecision.ImplicitDeny, outcome.Decision);
        Assert.Contains("permissions boundary", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_boundary_alone_grants_nothing() =>
        Assert.Equal(AccessDecision.ImplicitDeny, Decide(Alice, identity: null, boundary: Allow()).Decision);

    [Fact]
    public void A_deny_in_the_boundary_wins_even_over_a_resource_policy_grant_to_the_user() =>
        Assert.Equal(
            AccessDecision.ExplicitDeny,
            Decide(Alice, identity: Allow(), boundary: Allow() + "," + Deny("s3:GetObject"), bucketPolicy: Grant(GrantAlice)).Decision);

    [Fact]
    public void A_same_account_resource_policy_naming_the_user_is_not_limited_by_the_boundary() =>
        Assert.Equal(AccessDecision.Allow, Decide(Alice, identity: null, boundary: Allow("s3:ListBucket"), bucketPolicy: Grant(GrantAlice)).Decision);

    [Fact]
    public void A_resource_policy_naming_the_sessions_role_is_limited_by_the_boundary_but_one_naming_the_session_is_not()
    {
        Assert.Equal(AccessDecision.ImplicitDeny, Decide(Session, identity: null, boundary: Allow("s3:ListBucket"), bucketPolicy: Grant(GrantRole)).Decision);
        Assert.Equal(AccessDecision.Allow, Decide(Session, identity: null, boundary: Allow("s3:GetObject"), bucketPolicy: Grant(GrantRole)).Decision);
        Assert.Equal(AccessDecision.Allow, Decide(Session, identity: null, boundary: Allow("s3:ListBucket"), bucketPolicy: Grant(GrantSession)).Decision);
    }

    [Fact]
    public void Across_accounts_the_boundary_caps_the_callers_side() =>
        Assert.Equal(
            AccessDecision.ImplicitDeny,
            Decide(Alice, identity: Allow(), boundary: Allow("s3:ListBucket"), bucketPolicy: Grant(GrantAlice), owner: OtherAccount).Decision);

    [Fact]
    public void Actions_on_no_resource_are_capped_too()
    {
        Assert.Equal(AccessDecision.ImplicitDeny, Decide(Alice, identity: Allow(), boundary: Allow("s3:GetObject"), owner: null, action: "s3:ListAllMyBuckets").Decision);
        Assert.Equal(AccessDecision.Allow, Decide(Alice, identity: Allow(), boundary: Allow("s3:List*"), owner: null, action: "s3:ListAllMyBuckets").Decision);
    }
}
