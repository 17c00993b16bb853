using Nuage.Iam.Acls;
using Nuage.Iam.Policies;

namespace Nuage.Iam.Tests.Acls;

public sealed class BucketPolicyPublicityTests
{
    private const string Read = "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::photos/*\"";

    // One statement per row: its Effect, Principal/NotPrincipal and Condition, and whether "The meaning of public"
    // calls it public.
    public static TheoryData<string, bool> Statements => new()
    {
        { Statement("Allow", "\"Principal\":\"*\""), true },
        { Statement("Allow", "\"Principal\":{\"AWS\":\"*\"}"), true },
        { Statement("Allow", "\"Principal\":{\"AWS\":[\"111122223333\",\"*\"]}"), true },
        { Statement("Allow", "\"NotPrincipal\":{\"AWS\":\"111122223333\"}"), true },
        { Statement("Deny", "\"Principal\":\"*\""), false },
        { Statement("Allow", "\"Principal\":{\"AWS\":\"111122223333\"}"), false },
        { Statement("Allow", "\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:user/alice\"}"), false },
        // aws:SourceIp limited to CIDR blocks pins the grant; very broad blocks do not.
        { Statement("Allow", "\"Principal\":\"*\"", "{\"IpAddress\":{\"aws:SourceIp\":\"192.0.2.0/24\"}}"), false },
        { Statement("Allow", "\"Principal\":\"*\"", "{\"IpAddress\":{\"aws:SourceIp\":[\"192.0.2.7\",\"10.0.0.0/8\"]}}"), false },
        { Statement("Allow", "\"Principal\":\"*\"", "{\"IpAddress\":{\"aws:SourceIp\":\"2001:db8::/32\"}}"), false },
        { Statement("Allow", "\"Principal\":\"*\"", "{\"IpAddress\":{\"aws:SourceIp\":\"0.0.0.0/0\"}}"), true },
        { Statement("Allow", "\"Principal\":\"*\"", "{\"IpAddress\":{\"aws:SourceIp\":[\"192.0.2.0/24\",\"0.0.0.0/1\"]}}"), true },
        { Statement("Allow", "\"Principal\":\"*\"", "{\"IpAddress\":{\"aws:SourceIp\":\"2001:db8::/16\"}}"), true },
        { Statement("Allow", "\"Principal\":\"*\"", "{\"NotIpAddress\":{\"aws:SourceIp\":\"192.0.2.0/24\"}}"), true },
        { Statement("Allow", "\"Principal\":\"*\"", "{\"IpAddressIfExists\":{\"aws:SourceIp\":\"192.0.2.0/24\"}}"), true },
        // Fixed identity and origin keys pin the grant.
        { Statement("Allow", "\"Principal\":\"*\"", "{\"StringEquals\":{\"aws:PrincipalAccount\":\"111122223333\"}}"), false },
        { Statement("Allow", "\"Principal\":\"*\"", "{\"StringEquals\":{\"aws:SourceAccount\":\"111122223333\"}}"), false },
        { Statement("Allow", "\"Principal\":\"*\"", "{\"ArnEquals\":{\"aws:SourceArn\":\"arn:aws:iot:eu-west-1:111122223333:rule/r\"}}"), false },
        { Statement("Allow", "\"Principal\":\"*\"", "{\"StringEquals\":{\"aws:sourcevpce\":\"vpce-1a2b3c4d\"}}"), false },
        { Statement("Allow", "\"Principal\":\"*\"", "{\"StringEquals\":{\"aws:userid\":\"AIDAALICE\"}}"), false },
        { Statement("Allow", "\"Principal\":\"*\"", "{\"StringLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::111122223333:user/alice\"}}"), false },
        { Statement("Allow", "\"Principal\":\"*\"", "{\"ForAnyValue:StringEquals\":{\"aws:PrincipalOrgID\":\"o-abc\"}}"), false },
        // ...but not when the value is a pattern, a variable, negated, optional, or vacuous when missing.
        { Statement("Allow", "\"Principal\":\"*\"", "{\"StringLike\":{\"aws:userid\":\"AROAROLE:*\"}}"), true },
        { Statement("Allow", "\"Principal\":\"*\"", "{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:iot:*:111122223333:rule/*\"}}"), true },
        { Statement("Allow", "\"Principal\":\"*\"", "{\"StringEquals\":{\"aws:PrincipalArn\":\"${aws:PrincipalArn}\"}}"), true },
        { Statement("Allow", "\"Principal\":\"*\"", "{\"StringNotEquals\":{\"aws:PrincipalAccount\":\"111122223333\"}}"), true },
        { Statement("Allow", "\"Principal\":\"*\"", "{\"StringEqualsIfExists\":{\"aws:PrincipalAccount\":\"111122223333\"}}"), true },
        { Statement("Allow", "\"Principal\":\"*\"", "{\"ForAllValues:StringEquals\":{\"aws:PrincipalAccount\":\"111122223333\"}}"), true },
        // Keys that do not name who asks or where from leave the grant public.
        { Statement("Allow", "\"Principal\":\"*\"", "{\"Bool\":{\"aws:SecureTransport\":\"true\"}}"), true },
        { Statement("Allow", "\"Principal\":\"*\"", "{\"StringEquals\":{\"aws:Referer\":\"https://example.com/\"}}"), true },
        { Statement("Allow", "\"Principal\":\"*\"", "{\"StringEquals\":{\"s3:prefix\":\"public/\"}}"), true },
        // Conditions are ANDed: one pinning condition is enough.
        { Statement("Allow", "\"Principal\":\"*\"", "{\"Bool\":{\"aws:SecureTransport\":\"true\"},\"StringEquals\":{\"aws:SourceAccount\":\"111122223333\"}}"), false },
    };

    [Theory]
    [MemberData(nameof(Statements))]
    public void Statement_publicity_follows_the_meaning_of_public(string statement, bool isPublic)
    {
        var policy = PolicyDocument.Parse($$"""{"Version":"2012-10-17","Statement":[{{statement}}]}""", PolicyKind.Resource);
        Assert.Equal(isPublic, BucketPolicyPublicity.IsPublic(policy));
        Assert.Equal(isPublic, BucketPolicyPublicity.IsPublicStatement(policy.Statements[0]));
    }

    [Fact]
    public void One_public_statement_makes_the_policy_public()
    {
        var policy = PolicyDocument.Parse(
            $$"""{"Version":"2012-10-17","Statement":[{{Statement("Allow", "\"Principal\":{\"AWS\":\"111122223333\"}")}},{{Statement("Allow", "\"Principal\":\"*\"")}}]}""",
            PolicyKind.Resource);
        Assert.True(BucketPolicyPublicity.IsPublic(policy));
        Assert.False(BucketPolicyPublicity.IsPublicStatement(policy.Statements[0]));
    }

    private static string Statement(string effect, string principal, string? condition = null) =>
        $"{{\"Effect\":\"{effect}\",{principal},{Read}" + (condition is null ? "" : $",\"Condition\":{condition}") + "}";
}
