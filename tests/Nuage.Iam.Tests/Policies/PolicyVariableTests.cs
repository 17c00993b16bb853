using Nuage.Iam.Policies;
using static Nuage.Iam.Tests.Policies.PolicyTestData;

namespace Nuage.Iam.Tests.Policies;

/// <summary>Policy variables in Resource and in String/Arn condition values ("IAM policy elements: Variables and tags").</summary>
public sealed class PolicyVariableTests
{
    private static PolicyDecision ResourceCase(string resourcePattern, PolicyPrincipal principal, string resource, string version = "2012-10-17", params (string, string[])[] context) =>
        PolicyEvaluator.Evaluate(Identity(Allow("s3:GetObject", resourcePattern), version), Request(principal, resource: resource, context: context));

    [Theory]
    [InlineData("arn:aws:s3:::photos/home/alice/cat.jpg", PolicyDecision.Allow)]
    [InlineData("arn:aws:s3:::photos/home/bob/cat.jpg", PolicyDecision.NotApplicable)]
    public void Username_variable_scopes_a_resource_to_the_caller(string resource, PolicyDecision expected) =>
        Assert.Equal(expected, ResourceCase("arn:aws:s3:::photos/home/${aws:username}/*", Alice, resource));

    [Fact]
    public void Variable_without_a_value_makes_the_resource_match_nothing() =>
        Assert.Equal(PolicyDecision.NotApplicable, ResourceCase("arn:aws:s3:::photos/home/${aws:username}/*", Root, "arn:aws:s3:::photos/home//cat.jpg"));

    [Fact]
    public void Default_value_stands_in_for_a_missing_key() =>
        Assert.Equal(PolicyDecision.Allow, ResourceCase("arn:aws:s3:::photos/home/${aws:username, 'shared'}/*", Root, "arn:aws:s3:::photos/home/shared/a"));

    [Fact]
    public void Default_value_is_ignored_when_the_key_has_a_value() =>
        Assert.Equal(PolicyDecision.NotApplicable, ResourceCase("arn:aws:s3:::photos/home/${aws:username, 'shared'}/*", Alice, "arn:aws:s3:::photos/home/shared/a"));

    [Fact]
    public void Doubled_quote_in_a_default_is_one_quote() =>
        Assert.Equal(PolicyDecision.Allow, ResourceCase("arn:aws:s3:::photos/${nuage:none, 'it''s'}", Alice, "arn:aws:s3:::photos/it's"));

    [Theory]
    [InlineData("${aws:userid}", "AIDAALICE")]
    [InlineData("${aws:PrincipalAccount}", "111122223333")]
    [InlineData("${AWS:UserName}", "alice")]
    [InlineData("${ aws:username }", "alice")]
    [InlineData("${s3:prefix}", "home")]
    public void Any_single_valued_context_key_is_a_variable(string variable, string value) =>
        Assert.Equal(PolicyDecision.Allow, ResourceCase($"arn:aws:s3:::photos/{variable}/*", Alice, $"arn:aws:s3:::photos/{value}/x", context: ("s3:prefix", ["home"])));

    [Fact]
    public void Multivalued_key_is_not_a_variable() =>
        Assert.Equal(PolicyDecision.NotApplicable, ResourceCase("arn:aws:s3:::photos/${aws:TagKeys}", Alice, "arn:aws:s3:::photos/a", context: ("aws:TagKeys", ["a", "b"])));

    [Theory]
    [InlineData("arn:aws:s3:::photos/${*}", "arn:aws:s3:::photos/*", PolicyDecision.Allow)]
    [InlineData("arn:aws:s3:::photos/${*}", "arn:aws:s3:::photos/x", PolicyDecision.NotApplicable)]
    [InlineData("arn:aws:s3:::photos/a${?}", "arn:aws:s3:::photos/a?", PolicyDecision.Allow)]
    [InlineData("arn:aws:s3:::photos/a${?}", "arn:aws:s3:::photos/ab", PolicyDecision.NotApplicable)]
    [InlineData("arn:aws:s3:::photos/${$}x", "arn:aws:s3:::photos/$x", PolicyDecision.Allow)]
    public void Escapes_stand_for_literal_characters(string pattern, string resource, PolicyDecision expected) =>
        Assert.Equal(expected, ResourceCase(pattern, Alice, resource));

    [Theory]
    [InlineData("arn:aws:s3:::photos/${aws:username")]
    [InlineData("arn:aws:s3:::photos/${aws:username, shared}")]
    [InlineData("arn:aws:s3:::photos/${}")]
    public void Broken_variable_syntax_matches_nothing(string pattern) =>
        Assert.Equal(PolicyDecision.NotApplicable, ResourceCase(pattern, Alice, "arn:aws:s3:::photos/alice"));

    [Fact]
    public void Version_2008_10_17_takes_variables_literally()
    {
        Assert.Equal(PolicyDecision.NotApplicable, ResourceCase("arn:aws:s3:::photos/${aws:username}", Alice, "arn:aws:s3:::photos/alice", "2008-10-17"));
        Assert.Equal(PolicyDecision.Allow, ResourceCase("arn:aws:s3:::photos/${aws:username}", Alice, "arn:aws:s3:::photos/${aws:username}", "2008-10-17"));
    }

    [Theory]
    [InlineData("home/alice/", true)]
    [InlineData("home/bob/", false)]
    public void Variables_are_substituted_in_StringLike_values(string prefix, bool expected) =>
        Assert.Equal(expected, ConditionOperatorTests.Holds("StringLike", "s3:prefix", "\"home/${aws:username}/*\"", prefix));

    [Fact]
    public void Substituted_value_is_literal_even_with_wildcard_characters()
    {
        var policy = Identity(Allow(extra: ""","Condition":{"StringLike":{"s3:prefix":"${nuage:pattern}"}}"""));
        Assert.Equal(PolicyDecision.NotApplicable, PolicyEvaluator.Evaluate(policy, Request(context: [("nuage:pattern", ["a*"]), ("s3:prefix", ["abc"])])));
        Assert.Equal(PolicyDecision.Allow, PolicyEvaluator.Evaluate(policy, Request(context: [("nuage:pattern", ["a*"]), ("s3:prefix", ["a*"])])));
    }

    [Theory]
    [InlineData("arn:aws:iam::111122223333:user/alice", true)]
    [InlineData("arn:aws:iam::444455556666:user/alice", false)]
    public void Variables_are_substituted_in_Arn_values(string arn, bool expected) =>
        Assert.Equal(expected, ConditionOperatorTests.Holds("ArnLike", "aws:SourceArn", "\"arn:aws:iam::${aws:PrincipalAccount}:user/*\"", arn));

    [Fact]
    public void Condition_value_with_an_unresolved_variable_matches_nothing()
    {
        Assert.False(ConditionOperatorTests.Holds("StringEquals", "s3:prefix", "\"${nuage:none}\"", "anything"));
        Assert.True(ConditionOperatorTests.Holds("StringNotEquals", "s3:prefix", "\"${nuage:none}\"", "anything"));
    }

    [Fact]
    public void Escaped_star_in_StringEquals_is_a_plain_star() =>
        Assert.True(ConditionOperatorTests.Holds("StringEquals", "s3:prefix", "\"a${*}\"", "a*"));
}
