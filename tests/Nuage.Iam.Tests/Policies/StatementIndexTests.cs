using Nuage.Iam.Policies;

namespace Nuage.Iam.Tests.Policies;

/// <summary>
/// The per-action, per-bucket statement index is an optimisation only: every decision must be the one a plain
/// walk over all statements gives. Each case sets a statement that must (or must not) apply to the request.
/// </summary>
public sealed class StatementIndexTests
{
    private static readonly PolicyPrincipal User = PolicyPrincipal.User("111122223333", "alice", "AIDAEXAMPLE");

    [Theory]
    [InlineData("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/key", true)]
    [InlineData("arn:aws:s3:::bucket/key", "arn:aws:s3:::bucket/key", true)]
    [InlineData("arn:aws:s3:::bucket", "arn:aws:s3:::bucket", true)]
    [InlineData("arn:aws:s3:::bucket", "arn:aws:s3:::bucket/key", false)]
    [InlineData("arn:aws:s3:::buck*", "arn:aws:s3:::bucket/key", true)]
    [InlineData("arn:aws:s3:::buck*/key", "arn:aws:s3:::bucket/key", true)]
    [InlineData("arn:aws:s3:::b?cket/*", "arn:aws:s3:::bucket/key", true)]
    [InlineData("arn:aws:s3:::*", "arn:aws:s3:::bucket/key", true)]
    [InlineData("*", "arn:aws:s3:::bucket/key", true)]
    [InlineData("arn:aws:s3:::other/*", "arn:aws:s3:::bucket/key", false)]
    [InlineData("arn:aws:s3:::bucket-2/*", "arn:aws:s3:::bucket/key", false)]
    [InlineData("arn:aws:s3:::bucket/${aws:username}/*", "arn:aws:s3:::bucket/alice/k", true)]
    [InlineData("arn:aws:s3:::bucket/${aws:username}/*", "arn:aws:s3:::bucket/bob/k", false)]
    [InlineData("arn:aws:s3:::*", "*", true)]
    [InlineData("arn:aws:s3:::bucket", "*", false)]
    public void A_statement_applies_exactly_when_a_plain_walk_says_so(string resource, string requested, bool applies)
    {
        // Many statements on other buckets around the one under test, as a user with many policies has.
        var others = string.Join(',', Enumerable.Range(0, 30).Select(i => $$"""{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::other-{{i}}/*"}"""));
        var json = $$"""{"Version":"2012-10-17","Statement":[{{others}},{"Effect":"Deny","Action":"s3:GetObject","Resource":"{{resource}}"}]}""";
        var policy = PolicyDocument.Parse(json, PolicyKind.Identity);
        var action = requested == "*" ? "s3:ListAllMyBuckets" : "s3:GetObject";
        policy = action == "s3:GetObject" ? policy : PolicyDocument.Parse(json.Replace("s3:GetObject", "s3:ListAllMyBuckets", StringComparison.Ordinal), PolicyKind.Identity);

        var decision = PolicyEvaluator.Evaluate(policy, new PolicyRequest(action, requested, User));

        Assert.Equal(applies, decision == PolicyDecision.ExplicitDeny);
    }

    [Fact]
    public void NotResource_statements_are_always_checked()
    {
        const string json = """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:GetObject","NotResource":"arn:aws:s3:::public/*"}]}""";
        var policy = PolicyDocument.Parse(json, PolicyKind.Identity);
        Assert.Equal(PolicyDecision.ExplicitDeny, PolicyEvaluator.Evaluate(policy, new PolicyRequest("s3:GetObject", "arn:aws:s3:::private/k", User)));
        Assert.Equal(PolicyDecision.NotApplicable, PolicyEvaluator.Evaluate(policy, new PolicyRequest("s3:GetObject", "arn:aws:s3:::public/k", User)));
    }
}
