using Nuage.Iam.Policies;
using static Nuage.Iam.Tests.Policies.PolicyTestData;

namespace Nuage.Iam.Tests.Policies;

/// <summary>Action, Resource and their Not forms, wildcards, and one document's Allow/Deny/NotApplicable.</summary>
public sealed class StatementMatchingTests
{
    [Theory]
    [InlineData("s3:GetObject", "s3:GetObject", true)]
    [InlineData("s3:get*", "s3:GetObject", true)]
    [InlineData("S3:GETOBJECT", "s3:GetObject", true)]
    [InlineData("s3:Get?bject", "s3:GetObject", true)]
    [InlineData("s3:Get?bject", "s3:GetObjectAcl", false)]
    [InlineData("s3:Put*", "s3:GetObject", false)]
    [InlineData("*", "iam:CreateUser", true)]
    [InlineData("s3:*", "iam:CreateUser", false)]
    public void Action_matches_case_insensitive_wildcards(string pattern, string action, bool expected) =>
        Assert.Equal(expected, PolicyEvaluator.Evaluate(Identity(Allow(pattern)), Request(action: action)) == PolicyDecision.Allow);

    [Theory]
    [InlineData("s3:GetObject", PolicyDecision.Allow)]
    [InlineData("s3:DeleteObject", PolicyDecision.NotApplicable)]
    [InlineData("s3:DeleteBucket", PolicyDecision.NotApplicable)]
    public void NotAction_applies_to_every_other_action(string action, PolicyDecision expected)
    {
        var policy = Identity("""{"Effect":"Allow","NotAction":"s3:Delete*","Resource":"*"}""");
        Assert.Equal(expected, PolicyEvaluator.Evaluate(policy, Request(action: action)));
    }

    [Theory]
    [InlineData("arn:aws:s3:::photos/*", ObjectArn, true)]
    [InlineData("arn:aws:s3:::photos/home/*/cat.jpg", ObjectArn, true)]
    [InlineData("arn:aws:s3:::photos/home/alice/cat.jp?", ObjectArn, true)]
    [InlineData("arn:aws:s3:::Photos/*", ObjectArn, false)]
    [InlineData("arn:aws:s3:::photos", ObjectArn, false)]
    [InlineData("arn:aws:s3:::photos", BucketArn, true)]
    [InlineData("arn:aws:s3:::photos*", BucketArn, true)]
    [InlineData("arn:aws:s3:::*", ObjectArn, true)]
    [InlineData("arn:*:s3:::photos/*", ObjectArn, true)]
    [InlineData("arn:aws:s3:::videos/*", ObjectArn, false)]
    [InlineData("*", ObjectArn, true)]
    [InlineData("arn:aws:s3:::photos/a:b", "arn:aws:s3:::photos/a:b", true)]
    public void Resource_matches_case_sensitive_wildcards_per_arn_segment(string pattern, string resource, bool expected) =>
        Assert.Equal(expected, PolicyEvaluator.Evaluate(Identity(Allow("s3:*", pattern)), Request(resource: resource)) == PolicyDecision.Allow);

    [Theory]
    [InlineData("*", true)]
    [InlineData("arn:aws:s3:::*", true)]
    [InlineData("arn:aws:s3:::photos/*", false)]
    [InlineData("arn:aws:iam:::*", false)]
    public void Action_without_a_resource_is_matched_by_star_and_the_service_wide_arn(string pattern, bool expected) =>
        Assert.Equal(expected, PolicyEvaluator.Evaluate(Identity(Allow("s3:ListAllMyBuckets", pattern)), Request(action: "s3:ListAllMyBuckets", resource: "*")) == PolicyDecision.Allow);

    [Theory]
    [InlineData("arn:aws:s3:::photos/home/alice/cat.jpg", PolicyDecision.NotApplicable)]
    [InlineData("arn:aws:s3:::photos/public/cat.jpg", PolicyDecision.Allow)]
    public void NotResource_applies_to_every_other_resource(string resource, PolicyDecision expected)
    {
        var policy = Identity("""{"Effect":"Allow","Action":"s3:GetObject","NotResource":["arn:aws:s3:::photos/home/*","arn:aws:s3:::secrets/*"]}""");
        Assert.Equal(expected, PolicyEvaluator.Evaluate(policy, Request(resource: resource)));
    }

    [Fact]
    public void Explicit_deny_beats_allow_within_one_document() =>
        Assert.Equal(PolicyDecision.ExplicitDeny, PolicyEvaluator.Evaluate(Identity(Allow() + "," + Deny("s3:GetObject", "arn:aws:s3:::photos/*")), Request()));

    [Fact]
    public void Deny_that_does_not_match_leaves_the_allow() =>
        Assert.Equal(PolicyDecision.Allow, PolicyEvaluator.Evaluate(Identity(Allow() + "," + Deny("s3:PutObject")), Request()));

    [Fact]
    public void Document_with_no_matching_statement_is_not_applicable() =>
        Assert.Equal(PolicyDecision.NotApplicable, PolicyEvaluator.Evaluate(Identity(Allow("s3:PutObject")), Request()));

    [Fact]
    public void Deny_with_a_failing_condition_does_not_deny()
    {
        var policy = Identity(Allow() + "," + Deny(extra: ""","Condition":{"Bool":{"aws:SecureTransport":"false"}}"""));
        Assert.Equal(PolicyDecision.Allow, PolicyEvaluator.Evaluate(policy, Request(context: ("aws:SecureTransport", ["true"]))));
        Assert.Equal(PolicyDecision.ExplicitDeny, PolicyEvaluator.Evaluate(policy, Request(context: ("aws:SecureTransport", ["false"]))));
    }
}
