using Nuage.Iam.Policies;
using static Nuage.Iam.Tests.Policies.PolicyTestData;

namespace Nuage.Iam.Tests.Policies;

/// <summary>The accepted shapes of the policy grammar ("IAM JSON policy element reference").</summary>
public sealed class PolicyParsingTests
{
    [Fact]
    public void Statement_may_be_one_object_or_an_array()
    {
        var one = PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}""", PolicyKind.Identity);
        var two = PolicyDocument.Parse(Policy(Allow() + "," + Deny()), PolicyKind.Identity);

        Assert.Single(one.Statements);
        Assert.Equal([PolicyEffect.Allow, PolicyEffect.Deny], two.Statements.Select(s => s.Effect));
    }

    [Fact]
    public void Missing_version_means_2008_10_17_and_the_text_is_kept_as_given()
    {
        const string json = """ { "Id" : "p1", "Statement" : { "Effect":"Allow", "Action":"s3:GetObject", "Resource":"*" } } """;
        var policy = PolicyDocument.Parse(json, PolicyKind.Identity);

        Assert.Equal("2008-10-17", policy.Version);
        Assert.Equal("p1", policy.Id);
        Assert.Equal(json, policy.Json);
        Assert.Equal(PolicyKind.Identity, policy.Kind);
    }

    [Fact]
    public void Elements_are_exposed_as_parsed()
    {
        var policy = BucketPolicy("""
            {"Sid":"Public read, please","Effect":"Allow","Principal":{"AWS":["111122223333","arn:aws:iam::444455556666:user/carol"]},
             "NotAction":["s3:DeleteObject","s3:PutObject"],"NotResource":"arn:aws:s3:::photos/private/*",
             "Condition":{"NumericLessThan":{"s3:max-keys":[10,"20"]},"Bool":{"aws:SecureTransport":true}}}
            """);
        var statement = Assert.Single(policy.Statements);

        Assert.Equal("Public read, please", statement.Sid);
        Assert.Null(statement.Action);
        Assert.Equal(["s3:DeleteObject", "s3:PutObject"], statement.NotAction!);
        Assert.Equal(["arn:aws:s3:::photos/private/*"], statement.NotResource!);
        Assert.Equal(["111122223333", "arn:aws:iam::444455556666:user/carol"], statement.Principal!.Aws);
        Assert.False(statement.Principal.IsEveryone);
        Assert.Equal(["NumericLessThan", "Bool"], statement.Conditions.Select(c => c.Operator));
        Assert.Equal(["10", "20"], statement.Conditions[0].Values);
        Assert.Equal(["true"], statement.Conditions[1].Values);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("s3:*")]
    [InlineData("s3:Get*")]
    [InlineData("S3:getobject")]
    [InlineData("s3:ListAllMyBuckets")]
    [InlineData("s3:PutBucketPolicy")]
    [InlineData("iam:*AccessKey*")]
    [InlineData("iam:CreateUser")]
    [InlineData("sts:AssumeRole")]
    [InlineData("sts:GetCallerIdentity")]
    [InlineData("admin:AnythingNuageAdds")]
    [InlineData("iot:Publish")]
    [InlineData("iotdata:GetThingShadow")]
    public void Known_actions_and_patterns_are_accepted(string action) =>
        Assert.Single(Identity(Allow(action)).Statements);

    [Theory]
    [InlineData("""{"Principal":"*"}""")]
    [InlineData("""{"Principal":{"AWS":"*"}}""")]
    [InlineData("""{"Principal":{"AWS":"111122223333"}}""")]
    [InlineData("""{"Principal":{"AWS":"arn:aws:iam::111122223333:root"}}""")]
    [InlineData("""{"Principal":{"AWS":"arn:aws:iam::111122223333:user/division/alice"}}""")]
    [InlineData("""{"Principal":{"AWS":"arn:aws:iam::111122223333:role/reader"}}""")]
    [InlineData("""{"Principal":{"AWS":"arn:aws:sts::111122223333:assumed-role/reader/s1"}}""")]
    [InlineData("""{"Principal":{"Service":"ec2.amazonaws.com"}}""")]
    [InlineData("""{"Principal":{"CanonicalUser":"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"}}""")]
    [InlineData("""{"Principal":{"Federated":"cognito-identity.amazonaws.com"}}""")]
    [InlineData("""{"NotPrincipal":{"AWS":["111122223333","arn:aws:iam::111122223333:user/alice"]}}""")]
    public void Every_principal_form_is_accepted_in_a_bucket_policy(string principal)
    {
        var json = principal[..^1] + ""","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::photos/*"}""";
        Assert.Single(BucketPolicy(json).Statements);
    }

    [Fact]
    public void Trust_policy_names_a_principal_and_sts_actions_without_a_resource()
    {
        var policy = PolicyDocument.Parse(
            Policy("""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":["sts:AssumeRole","sts:TagSession"]}"""),
            PolicyKind.Trust);
        var request = new PolicyRequest("sts:AssumeRole", "arn:aws:iam::111122223333:role/reader", Alice, requestTime: Now);

        Assert.Equal(PolicyDecision.Allow, PolicyEvaluator.Evaluate(policy, request));
    }

    [Fact]
    public void Bucket_policy_accepts_any_Sid_text_and_an_identity_policy_an_alphanumeric_one()
    {
        Assert.Equal("Grant to all!", BucketPolicy("""{"Sid":"Grant to all!","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}""").Statements[0].Sid);
        Assert.Equal("Read1", Identity("""{"Sid":"Read1","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}""").Statements[0].Sid);
    }

    [Theory]
    [InlineData("{ \"a\" : 1 }", 7)]
    [InlineData("{\n  \"Version\": \"2012-10-17\"\n}", 24)]
    [InlineData("\t \r\n", 0)]
    public void Size_counts_characters_without_whitespace(string json, int expected) =>
        Assert.Equal(expected, PolicyDocument.CountSignificantCharacters(json));

    [Fact]
    public void Size_limits_are_AWS_quotas()
    {
        Assert.Equal(
            [20480, 2048, 5120, 10240, 6144, 2048, 2048],
            [PolicySizeLimits.BucketPolicy, PolicySizeLimits.UserInline, PolicySizeLimits.GroupInline, PolicySizeLimits.RoleInline,
             PolicySizeLimits.Managed, PolicySizeLimits.Trust, PolicySizeLimits.Session]);
    }
}
