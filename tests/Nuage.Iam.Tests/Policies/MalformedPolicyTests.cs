using Nuage.Iam.Policies;

namespace Nuage.Iam.Tests.Policies;

/// <summary>Documents AWS refuses are refused, with a message that says what is wrong.</summary>
public sealed class MalformedPolicyTests
{
    private const string Ok = """{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}""";

    public static TheoryData<string, string, PolicyKind, string> Documents => new()
    {
        { "bad JSON", "not json", PolicyKind.Identity, "Syntax errors in policy" },
        { "trailing comma", """{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"},]}""", PolicyKind.Identity, "Syntax errors in policy" },
        { "empty text", "   ", PolicyKind.Identity, "Policy document is empty" },
        { "array at the root", "[]", PolicyKind.Identity, "Policy must be a JSON object" },
        { "unknown version", $$"""{"Version":"2020-01-01","Statement":{{Ok}}}""", PolicyKind.Identity, "Invalid policy version 2020-01-01" },
        { "numeric version", $$"""{"Version":2012,"Statement":{{Ok}}}""", PolicyKind.Identity, "Invalid policy version 2012" },
        { "no statement", """{"Version":"2012-10-17"}""", PolicyKind.Identity, "Missing required field Statement" },
        { "empty statement list", """{"Version":"2012-10-17","Statement":[]}""", PolicyKind.Identity, "Missing required field Statement" },
        { "statement not an object", """{"Statement":["x"]}""", PolicyKind.Identity, "Statement must be a JSON object" },
        { "unknown top-level field", $$"""{"Version":"2012-10-17","Statements":[{{Ok}}]}""", PolicyKind.Identity, "Unknown field Statements" },
        { "unknown statement field", """{"Statement":{"Effect":"Allow","Actions":"s3:GetObject","Resource":"*"}}""", PolicyKind.Identity, "Unknown field Actions" },
        { "duplicate field", """{"Statement":{"Effect":"Allow","Effect":"Deny","Action":"s3:GetObject","Resource":"*"}}""", PolicyKind.Identity, "Duplicate field Effect" },
        { "bad effect", """{"Statement":{"Effect":"Permit","Action":"s3:GetObject","Resource":"*"}}""", PolicyKind.Identity, "Invalid effect: Permit" },
        { "lower-case effect", """{"Statement":{"Effect":"allow","Action":"s3:GetObject","Resource":"*"}}""", PolicyKind.Identity, "Invalid effect: allow" },
        { "missing effect", """{"Statement":{"Action":"s3:GetObject","Resource":"*"}}""", PolicyKind.Identity, "Missing required field Effect" },
        { "both Action and NotAction", """{"Statement":{"Effect":"Allow","Action":"s3:GetObject","NotAction":"s3:PutObject","Resource":"*"}}""", PolicyKind.Identity, "Statement cannot have both Action and NotAction" },
        { "no action", """{"Statement":{"Effect":"Allow","Resource":"*"}}""", PolicyKind.Identity, "Missing required field Action" },
        { "empty action list", """{"Statement":{"Effect":"Allow","Action":[],"Resource":"*"}}""", PolicyKind.Identity, "Field Action must be a string or a non-empty array of strings" },
        { "numeric action", """{"Statement":{"Effect":"Allow","Action":5,"Resource":"*"}}""", PolicyKind.Identity, "Field Action must be a string or a non-empty array of strings" },
        { "unknown s3 action", """{"Statement":{"Effect":"Allow","Action":"s3:GetObjekt","Resource":"*"}}""", PolicyKind.Identity, "Policy has invalid action: s3:GetObjekt" },
        { "s3 pattern matching nothing", """{"Statement":{"Effect":"Allow","Action":"s3:Frobnicate*","Resource":"*"}}""", PolicyKind.Identity, "Policy has invalid action: s3:Frobnicate*" },
        { "action without service", """{"Statement":{"Effect":"Allow","Action":"GetObject","Resource":"*"}}""", PolicyKind.Identity, "Policy has invalid action: GetObject" },
        { "unknown service", """{"Statement":{"Effect":"Allow","Action":"ec2:RunInstances","Resource":"*"}}""", PolicyKind.Identity, "Policy has invalid action: ec2:RunInstances" },
        { "unknown iam action", """{"Statement":{"Effect":"Allow","Action":"iam:CreateUzer","Resource":"*"}}""", PolicyKind.Identity, "Policy has invalid action: iam:CreateUzer" },
        { "unknown sts action", """{"Statement":{"Effect":"Allow","Action":"sts:AssumeRoles","Resource":"*"}}""", PolicyKind.Identity, "Policy has invalid action: sts:AssumeRoles" },
        { "iam action in a bucket policy", """{"Statement":{"Effect":"Allow","Principal":"*","Action":"iam:CreateUser","Resource":"*"}}""", PolicyKind.Resource, "Policy has invalid action: iam:CreateUser" },
        { "s3 action in a trust policy", """{"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject"}}""", PolicyKind.Trust, "AssumeRole policy may only specify STS AssumeRole actions" },
        { "unknown operator", """{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringFoo":{"s3:prefix":"a"}}}}""", PolicyKind.Identity, "Invalid Condition type : StringFoo" },
        { "lower-case operator", """{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"stringequals":{"s3:prefix":"a"}}}}""", PolicyKind.Identity, "Invalid Condition type : stringequals" },
        { "NullIfExists", """{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"NullIfExists":{"s3:prefix":"true"}}}}""", PolicyKind.Identity, "Invalid Condition type : NullIfExists" },
        { "unknown set qualifier", """{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"ForSomeValues:StringEquals":{"s3:prefix":"a"}}}}""", PolicyKind.Identity, "Invalid Condition type : ForSomeValues:StringEquals" },
        { "non-numeric number", """{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"NumericLessThan":{"s3:max-keys":"ten"}}}}""", PolicyKind.Identity, "Invalid Condition value for NumericLessThan s3:max-keys: ten" },
        { "variable in a numeric condition", """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"NumericEquals":{"s3:max-keys":"${aws:username}"}}}}""", PolicyKind.Identity, "Invalid Condition value for NumericEquals" },
        { "bad date", """{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"DateLessThan":{"aws:CurrentTime":"yesterday"}}}}""", PolicyKind.Identity, "Invalid Condition value for DateLessThan aws:CurrentTime: yesterday" },
        { "bad bool", """{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"yes"}}}}""", PolicyKind.Identity, "Invalid Condition value for Bool aws:SecureTransport: yes" },
        { "bad Null value", """{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"Null":{"s3:x-amz-acl":"maybe"}}}}""", PolicyKind.Identity, "Invalid Condition value for Null s3:x-amz-acl: maybe" },
        { "prefix too long", """{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/33"}}}}""", PolicyKind.Identity, "Invalid Condition value for IpAddress aws:SourceIp: 10.0.0.0/33" },
        { "not an address", """{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"NotIpAddress":{"aws:SourceIp":"intranet"}}}}""", PolicyKind.Identity, "Invalid Condition value for NotIpAddress aws:SourceIp: intranet" },
        { "bad base64", """{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"BinaryEquals":{"k:b":"%%%"}}}}""", PolicyKind.Identity, "Invalid Condition value for BinaryEquals k:b: %%%" },
        { "null condition value", """{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"s3:prefix":null}}}}""", PolicyKind.Identity, "Invalid Condition value for StringEquals s3:prefix: null" },
        { "object condition value", """{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"s3:prefix":{"a":1}}}}}""", PolicyKind.Identity, "Invalid Condition value for StringEquals s3:prefix" },
        { "condition not an object", """{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":"x"}}""", PolicyKind.Identity, "Condition must be a JSON object" },
        { "Principal in an identity policy", """{"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}}""", PolicyKind.Identity, "Has prohibited field Principal" },
        { "NotPrincipal in a session policy", """{"Statement":{"Effect":"Allow","NotPrincipal":{"AWS":"111122223333"},"Action":"s3:GetObject","Resource":"*"}}""", PolicyKind.Session, "Has prohibited field NotPrincipal" },
        { "no Principal in a bucket policy", """{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::photos/*"}}""", PolicyKind.Resource, "Missing required field Principal" },
        { "no Principal in a trust policy", """{"Statement":{"Effect":"Allow","Action":"sts:AssumeRole"}}""", PolicyKind.Trust, "Missing required field Principal" },
        { "Principal and NotPrincipal", """{"Statement":{"Effect":"Deny","Principal":"*","NotPrincipal":{"AWS":"111122223333"},"Action":"s3:*","Resource":"*"}}""", PolicyKind.Resource, "Statement cannot have both Principal and NotPrincipal" },
        { "bare principal name", """{"Statement":{"Effect":"Allow","Principal":"alice","Action":"s3:GetObject","Resource":"*"}}""", PolicyKind.Resource, "Invalid principal in policy: alice" },
        { "short account id", """{"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123:user/x"},"Action":"s3:GetObject","Resource":"*"}}""", PolicyKind.Resource, "Invalid principal in policy: arn:aws:iam::123:user/x" },
        { "wildcard in a principal ARN", """{"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/*"},"Action":"s3:GetObject","Resource":"*"}}""", PolicyKind.Resource, "Invalid principal in policy: arn:aws:iam::111122223333:user/*" },
        { "unknown principal type", """{"Statement":{"Effect":"Allow","Principal":{"Users":"alice"},"Action":"s3:GetObject","Resource":"*"}}""", PolicyKind.Resource, "Invalid principal in policy: unknown principal type Users" },
        { "empty principal", """{"Statement":{"Effect":"Allow","Principal":{},"Action":"s3:GetObject","Resource":"*"}}""", PolicyKind.Resource, "Invalid principal in policy: Principal is empty" },
        { "resource not an ARN", """{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"foo"}}""", PolicyKind.Identity, "Policy has invalid resource: foo" },
        { "truncated ARN", """{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3"}}""", PolicyKind.Identity, "Policy has invalid resource: arn:aws:s3" },
        { "ARN without resource part", """{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::"}}""", PolicyKind.Identity, "Policy has invalid resource: arn:aws:s3:::" },
        { "no resource", """{"Statement":{"Effect":"Allow","Action":"s3:GetObject"}}""", PolicyKind.Identity, "Missing required field Resource" },
        { "Resource and NotResource", """{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","NotResource":"arn:aws:s3:::x"}}""", PolicyKind.Identity, "Statement cannot have both Resource and NotResource" },
        { "Resource in a trust policy", """{"Statement":{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","Resource":"*"}}""", PolicyKind.Trust, "Has prohibited field Resource" },
        { "Sid with spaces in an identity policy", """{"Statement":{"Sid":"read all","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}""", PolicyKind.Identity, "Statement IDs (SID) must be alpha-numeric: read all" },
        { "duplicate Sid", """{"Statement":[{"Sid":"A","Effect":"Allow","Action":"s3:GetObject","Resource":"*"},{"Sid":"A","Effect":"Deny","Action":"s3:GetObject","Resource":"*"}]}""", PolicyKind.Identity, "Statement IDs (SID) in a single policy must be unique: A" },
        { "numeric Sid", """{"Statement":{"Sid":1,"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}""", PolicyKind.Identity, "Field Sid must be a string" },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void Malformed_policy_is_refused_with_a_message_naming_the_fault(string why, string json, PolicyKind kind, string message)
    {
        var error = Assert.Throws<MalformedPolicyException>(() => PolicyDocument.Parse(json, kind));
        Assert.True(error.Message.StartsWith(message, StringComparison.Ordinal), $"{why}: got \"{error.Message}\"");
    }
}
