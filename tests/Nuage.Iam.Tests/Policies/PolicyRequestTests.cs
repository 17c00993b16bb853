using Nuage.Iam.Policies;
using static Nuage.Iam.Tests.Policies.PolicyTestData;

namespace Nuage.Iam.Tests.Policies;

/// <summary>The context keys a request carries by itself ("AWS global condition context keys").</summary>
public sealed class PolicyRequestTests
{
    [Theory]
    [InlineData("alice", "aws:username", "alice")]
    [InlineData("alice", "aws:userid", "AIDAALICE")]
    [InlineData("alice", "aws:PrincipalAccount", "111122223333")]
    [InlineData("alice", "aws:PrincipalArn", "arn:aws:iam::111122223333:user/alice")]
    [InlineData("alice", "aws:PrincipalType", "User")]
    [InlineData("session", "aws:userid", "AROAREADER:s1")]
    [InlineData("session", "aws:PrincipalArn", "arn:aws:iam::111122223333:role/reader")]
    [InlineData("session", "aws:PrincipalType", "AssumedRole")]
    [InlineData("root", "aws:userid", "111122223333")]
    [InlineData("root", "aws:PrincipalArn", "arn:aws:iam::111122223333:root")]
    [InlineData("root", "aws:PrincipalType", "Account")]
    [InlineData("anonymous", "aws:userid", "anonymous")]
    [InlineData("anonymous", "aws:PrincipalType", "Anonymous")]
    [InlineData("alice", "aws:CurrentTime", "2026-01-01T00:00:00Z")]
    [InlineData("alice", "aws:EpochTime", "1767225600")]
    public void Principal_and_time_keys_are_derived(string caller, string key, string value) =>
        Assert.Equal([value], Request(PrincipalMatchingTests.Caller(caller)).GetContextValues(key));

    [Theory]
    [InlineData("anonymous", "aws:username")]
    [InlineData("anonymous", "aws:PrincipalAccount")]
    [InlineData("anonymous", "aws:PrincipalArn")]
    [InlineData("root", "aws:username")]
    [InlineData("session", "aws:username")]
    public void Keys_that_do_not_apply_are_absent(string caller, string key) =>
        Assert.Empty(Request(PrincipalMatchingTests.Caller(caller)).GetContextValues(key));

    [Fact]
    public void Caller_supplied_principal_keys_cannot_impersonate()
    {
        var request = Request(Bob, context: [("AWS:USERNAME", ["alice"]), ("aws:PrincipalAccount", ["999999999999"])]);
        Assert.Equal(["bob"], request.GetContextValues("aws:username"));
        Assert.Equal(["111122223333"], request.GetContextValues("aws:PrincipalAccount"));
    }

    [Fact]
    public void Caller_may_set_the_time_keys()
    {
        var request = Request(context: ("aws:CurrentTime", ["2030-01-01T00:00:00Z"]));
        Assert.Equal(["2030-01-01T00:00:00Z"], request.GetContextValues("aws:currenttime"));
    }

    [Fact]
    public void WithContextKey_replaces_a_key_whatever_its_case()
    {
        var request = Request(context: ("s3:prefix", ["a"])).WithContextKey("S3:Prefix", "b", "c");
        Assert.Equal(["b", "c"], request.GetContextValues("s3:prefix"));
        Assert.Single(request.ContextKeys.Keys, k => k.Equals("s3:prefix", StringComparison.OrdinalIgnoreCase));
    }
}
