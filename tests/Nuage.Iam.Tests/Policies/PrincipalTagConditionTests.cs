using Nuage.Iam.Policies;
using static Nuage.Iam.Tests.Policies.PolicyTestData;

namespace Nuage.Iam.Tests.Policies;

/// <summary>
/// aws:PrincipalTag/&lt;key&gt; ("AWS global condition context keys"): the caller's tags, read from the principal and never
/// from what a client could put in the context; tag keys match in any case, values exactly.
/// </summary>
public sealed class PrincipalTagConditionTests
{
    private static readonly PolicyPrincipal TaggedAlice = Alice with { Tags = [new("team", "blue"), new("CostCenter", "42")] };

    private static readonly PolicyDocument BlueOnly = Identity(Allow(extra: ""","Condition":{"StringEquals":{"aws:PrincipalTag/team":"blue"}}"""));

    [Fact]
    public void A_condition_on_the_callers_tag_allows_when_the_tag_matches() =>
        Assert.Equal(PolicyDecision.Allow, PolicyEvaluator.Evaluate(BlueOnly, Request(TaggedAlice)));

    [Fact]
    public void A_caller_without_the_tag_or_with_another_value_is_not_allowed()
    {
        Assert.Equal(PolicyDecision.NotApplicable, PolicyEvaluator.Evaluate(BlueOnly, Request(Alice)));
        Assert.Equal(PolicyDecision.NotApplicable, PolicyEvaluator.Evaluate(BlueOnly, Request(Alice with { Tags = [new("team", "Blue")] })));
    }

    [Fact]
    public void Tag_keys_match_in_any_case() =>
        Assert.Equal(
            PolicyDecision.Allow,
            PolicyEvaluator.Evaluate(Identity(Allow(extra: ""","Condition":{"StringEquals":{"aws:principaltag/costcenter":"42"}}""")), Request(TaggedAlice)));

    [Fact]
    public void A_principal_tag_passed_in_the_context_is_ignored()
    {
        var forged = Request(Alice, context: ("aws:PrincipalTag/team", ["blue"]));
        Assert.Empty(forged.GetContextValues("aws:PrincipalTag/team"));
        Assert.Equal(PolicyDecision.NotApplicable, PolicyEvaluator.Evaluate(BlueOnly, forged));
    }

    [Fact]
    public void Principal_tags_are_policy_variables()
    {
        var own = Identity(Allow(resource: "arn:aws:s3:::photos/${aws:PrincipalTag/team}/*"));
        Assert.Equal(PolicyDecision.Allow, PolicyEvaluator.Evaluate(own, Request(TaggedAlice, resource: "arn:aws:s3:::photos/blue/x")));
        Assert.Equal(PolicyDecision.NotApplicable, PolicyEvaluator.Evaluate(own, Request(TaggedAlice, resource: "arn:aws:s3:::photos/red/x")));
    }
}
