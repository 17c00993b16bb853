using Nuage.Iam.Policies;
using static Nuage.Iam.Tests.Policies.PolicyTestData;

namespace Nuage.Iam.Tests.Policies;

/// <summary>Each Principal form against each kind of caller, in a bucket policy ("AWS JSON policy elements: Principal").</summary>
public sealed class PrincipalMatchingTests
{
    public static TheoryData<string, string, bool> Cases => new()
    {
        { "\"*\"", "anonymous", true },
        { "\"*\"", "alice", true },
        { "{\"AWS\":\"*\"}", "anonymous", true },
        { "{\"AWS\":\"*\"}", "carol", true },
        { "{\"AWS\":\"111122223333\"}", "alice", true },
        { "{\"AWS\":\"111122223333\"}", "root", true },
        { "{\"AWS\":\"111122223333\"}", "session", true },
        { "{\"AWS\":\"111122223333\"}", "carol", false },
        { "{\"AWS\":\"111122223333\"}", "anonymous", false },
        { "{\"AWS\":\"arn:aws:iam::111122223333:root\"}", "alice", true },
        { "{\"AWS\":\"arn:aws:iam::111122223333:root\"}", "other-root", false },
        { "{\"AWS\":\"arn:aws:iam::111122223333:user/alice\"}", "alice", true },
        { "{\"AWS\":\"arn:aws:iam::111122223333:user/alice\"}", "bob", false },
        { "{\"AWS\":\"arn:aws:iam::111122223333:user/alice\"}", "root", false },
        { "{\"AWS\":[\"arn:aws:iam::111122223333:user/bob\",\"arn:aws:iam::444455556666:user/carol\"]}", "carol", true },
        { "{\"AWS\":\"arn:aws:iam::111122223333:role/reader\"}", "session", true },
        { "{\"AWS\":\"arn:aws:iam::111122223333:role/reader\"}", "other-session", false },
        { "{\"AWS\":\"arn:aws:sts::111122223333:assumed-role/reader/s1\"}", "session", true },
        { "{\"AWS\":\"arn:aws:sts::111122223333:assumed-role/reader/s2\"}", "session", false },
        { "{\"AWS\":\"arn:aws:iam::111122223333:user/division/dave\"}", "dave", true },
        { "{\"AWS\":\"arn:aws:iam::111122223333:user/dave\"}", "dave", false },
        { "{\"Service\":\"ec2.amazonaws.com\"}", "alice", false },
        { "{\"CanonicalUser\":\"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be\"}", "alice", false },
    };

    internal static PolicyPrincipal Caller(string name) => name switch
    {
        "anonymous" => Anonymous,
        "alice" => Alice,
        "bob" => Bob,
        "carol" => Carol,
        "root" => Root,
        "other-root" => OtherRoot,
        "session" => Session,
        "other-session" => PolicyPrincipal.AssumedRole(Account, "writer", "AROAWRITER", "s1"),
        "dave" => PolicyPrincipal.User(Account, "dave", "AIDADAVE", "/division/"),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Principal_element_names_the_callers_it_should(string principal, string caller, bool expected)
    {
        var policy = BucketPolicy(Grant(principal));
        Assert.Equal(expected ? PolicyDecision.Allow : PolicyDecision.NotApplicable, PolicyEvaluator.Evaluate(policy, Request(Caller(caller))));
    }

    [Theory]
    [InlineData("alice", PolicyDecision.NotApplicable)]
    [InlineData("bob", PolicyDecision.ExplicitDeny)]
    [InlineData("anonymous", PolicyDecision.ExplicitDeny)]
    public void NotPrincipal_deny_applies_to_everyone_not_named(string caller, PolicyDecision expected)
    {
        var policy = BucketPolicy("""{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:user/alice"},"Action":"s3:*","Resource":"arn:aws:s3:::photos/*"}""");
        Assert.Equal(expected, PolicyEvaluator.Evaluate(policy, Request(Caller(caller))));
    }

    [Fact]
    public void NotPrincipal_naming_the_account_spares_all_its_principals()
    {
        var policy = BucketPolicy("""{"Effect":"Deny","NotPrincipal":{"AWS":"111122223333"},"Action":"s3:*","Resource":"arn:aws:s3:::photos/*"}""");
        Assert.Equal(PolicyDecision.NotApplicable, PolicyEvaluator.Evaluate(policy, Request(Bob)));
        Assert.Equal(PolicyDecision.ExplicitDeny, PolicyEvaluator.Evaluate(policy, Request(Carol)));
    }
}
