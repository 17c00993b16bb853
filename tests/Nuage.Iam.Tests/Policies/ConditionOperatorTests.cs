using Nuage.Iam.Policies;
using static Nuage.Iam.Tests.Policies.PolicyTestData;

namespace Nuage.Iam.Tests.Policies;

/// <summary>
/// Every condition operator with a match and a non-match, missing keys, IfExists and the set qualifiers
/// ("IAM JSON policy elements: Condition operators"). Request values are '|'-separated; null means the key is absent.
/// </summary>
public sealed class ConditionOperatorTests
{
    internal static bool Holds(string op, string key, string policyValues, string? requestValues)
    {
        var policy = Identity(Allow(extra: ",\"Condition\":{\"" + op + "\":{\"" + key + "\":" + policyValues + "}}"));
        var request = requestValues is null
            ? Request()
            : Request(context: (key, requestValues.Split('|')));
        return PolicyEvaluator.Evaluate(policy, request) == PolicyDecision.Allow;
    }

    [Theory]
    [InlineData("StringEquals", "\"home/\"", "home/", true)]
    [InlineData("StringEquals", "\"home/\"", "Home/", false)]
    [InlineData("StringEquals", "\"home/\"", null, false)]
    [InlineData("StringEquals", "[\"a\",\"b\"]", "b", true)]
    [InlineData("StringEquals", "\"a*\"", "abc", false)]
    [InlineData("StringNotEquals", "\"a\"", "b", true)]
    [InlineData("StringNotEquals", "\"a\"", "a", false)]
    [InlineData("StringNotEquals", "[\"a\",\"b\"]", "b", false)]
    [InlineData("StringNotEquals", "[\"a\",\"b\"]", "c", true)]
    [InlineData("StringEqualsIgnoreCase", "\"Home/\"", "hOME/", true)]
    [InlineData("StringEqualsIgnoreCase", "\"Home/\"", "away/", false)]
    [InlineData("StringNotEqualsIgnoreCase", "\"HOME\"", "home", false)]
    [InlineData("StringNotEqualsIgnoreCase", "\"HOME\"", "away", true)]
    [InlineData("StringLike", "\"home/*\"", "home/a/b", true)]
    [InlineData("StringLike", "\"h?me\"", "home", true)]
    [InlineData("StringLike", "\"h?me\"", "hoome", false)]
    [InlineData("StringLike", "\"Home/*\"", "home/x", false)]
    [InlineData("StringLike", "\"*\"", "", true)]
    [InlineData("StringNotLike", "\"home/*\"", "other", true)]
    [InlineData("StringNotLike", "\"home/*\"", "home/x", false)]
    public void String_operators_compare_as_documented(string op, string values, string? actual, bool expected) =>
        Assert.Equal(expected, Holds(op, "s3:prefix", values, actual));

    [Theory]
    [InlineData("NumericEquals", "10", "10", true)]
    [InlineData("NumericEquals", "\"10\"", "10.0", true)]
    [InlineData("NumericEquals", "10", "11", false)]
    [InlineData("NumericEquals", "10", "ten", false)]
    [InlineData("NumericNotEquals", "10", "11", true)]
    [InlineData("NumericNotEquals", "10", "10", false)]
    [InlineData("NumericLessThan", "10", "9", true)]
    [InlineData("NumericLessThan", "10", "10", false)]
    [InlineData("NumericLessThanEquals", "10", "10", true)]
    [InlineData("NumericLessThanEquals", "10", "11", false)]
    [InlineData("NumericGreaterThan", "10", "11", true)]
    [InlineData("NumericGreaterThan", "10", "10", false)]
    [InlineData("NumericGreaterThanEquals", "10", "10", true)]
    [InlineData("NumericGreaterThanEquals", "10", "9", false)]
    [InlineData("NumericLessThan", "1000", null, false)]
    public void Numeric_operators_compare_numbers(string op, string values, string? actual, bool expected) =>
        Assert.Equal(expected, Holds(op, "s3:max-keys", values, actual));

    [Theory]
    [InlineData("DateEquals", "\"2026-01-01T00:00:00Z\"", "2026-01-01T00:00:00Z", true)]
    [InlineData("DateEquals", "\"1767225600\"", "2026-01-01T00:00:00Z", true)]
    [InlineData("DateEquals", "\"2026-01-01T00:00:00Z\"", "1767225601", false)]
    [InlineData("DateNotEquals", "\"2026-01-01\"", "2026-01-02T00:00:00Z", true)]
    [InlineData("DateNotEquals", "\"2026-01-01\"", "2026-01-01T00:00:00Z", false)]
    [InlineData("DateLessThan", "\"2026-06-30T00:00:00Z\"", "2026-01-01T00:00:00Z", true)]
    [InlineData("DateLessThan", "\"2025-06-30T00:00:00Z\"", "2026-01-01T00:00:00Z", false)]
    [InlineData("DateLessThanEquals", "\"2026-01-01T00:00:00Z\"", "2026-01-01T00:00:00Z", true)]
    [InlineData("DateLessThanEquals", "\"2026-01-01T00:00:00Z\"", "2026-01-01T00:00:01Z", false)]
    [InlineData("DateGreaterThan", "\"2025-12-31T23:59:59Z\"", "2026-01-01T00:00:00Z", true)]
    [InlineData("DateGreaterThan", "\"2026-01-01T00:00:00Z\"", "2026-01-01T00:00:00Z", false)]
    [InlineData("DateGreaterThanEquals", "\"2026-01-01T01:00:00+01:00\"", "2026-01-01T00:00:00Z", true)]
    [InlineData("DateGreaterThanEquals", "\"2026-01-02\"", "2026-01-01T00:00:00Z", false)]
    [InlineData("DateLessThan", "\"2026-06-30\"", "not a date", false)]
    public void Date_operators_compare_iso_8601_and_epoch_seconds(string op, string values, string? actual, bool expected) =>
        Assert.Equal(expected, Holds(op, "nuage:LastModified", values, actual));

    [Theory]
    [InlineData("DateLessThan", "\"2026-06-30T00:00:00Z\"", true)]
    [InlineData("DateGreaterThan", "\"2026-06-30T00:00:00Z\"", false)]
    public void Aws_CurrentTime_is_the_request_time(string op, string value, bool expected)
    {
        var policy = Identity(Allow(extra: ",\"Condition\":{\"" + op + "\":{\"aws:CurrentTime\":" + value + "}}"));
        Assert.Equal(expected, PolicyEvaluator.Evaluate(policy, Request()) == PolicyDecision.Allow);
    }

    [Fact]
    public void Aws_EpochTime_compares_with_NumericLessThan()
    {
        var policy = Identity(Allow(extra: ""","Condition":{"NumericLessThan":{"aws:EpochTime":1767225601}}"""));
        Assert.Equal(PolicyDecision.Allow, PolicyEvaluator.Evaluate(policy, Request()));
    }

    [Theory]
    [InlineData("\"true\"", "true", true)]
    [InlineData("true", "true", true)]
    [InlineData("\"true\"", "false", false)]
    [InlineData("false", "false", true)]
    [InlineData("\"true\"", null, false)]
    public void Bool_compares_true_and_false(string values, string? actual, bool expected) =>
        Assert.Equal(expected, Holds("Bool", "aws:SecureTransport", values, actual));

    [Theory]
    [InlineData("\"QmluYXJ5\"", "QmluYXJ5", true)]
    [InlineData("\"QmluYXJ5\"", "T3RoZXI=", false)]
    [InlineData("\"QmluYXJ5\"", null, false)]
    public void BinaryEquals_compares_base64_bytes(string values, string? actual, bool expected) =>
        Assert.Equal(expected, Holds("BinaryEquals", "nuage:Blob", values, actual));

    [Theory]
    [InlineData("IpAddress", "\"10.0.0.0/8\"", "10.1.2.3", true)]
    [InlineData("IpAddress", "\"10.0.0.0/8\"", "11.0.0.1", false)]
    [InlineData("IpAddress", "\"203.0.113.7\"", "203.0.113.7", true)]
    [InlineData("IpAddress", "\"203.0.113.7\"", "203.0.113.8", false)]
    [InlineData("IpAddress", "\"192.168.1.128/25\"", "192.168.1.200", true)]
    [InlineData("IpAddress", "\"192.168.1.128/25\"", "192.168.1.100", false)]
    [InlineData("IpAddress", "\"0.0.0.0/0\"", "198.51.100.1", true)]
    [InlineData("IpAddress", "\"2001:db8::/32\"", "2001:db8:1::1", true)]
    [InlineData("IpAddress", "\"2001:db8::/32\"", "2001:db9::1", false)]
    [InlineData("IpAddress", "\"2001:DB8:1234::/48\"", "2001:db8:1234:ffff::1", true)]
    [InlineData("IpAddress", "\"10.0.0.0/8\"", "::ffff:10.1.2.3", true)]
    [InlineData("IpAddress", "\"10.0.0.0/8\"", "2001:db8::1", false)]
    [InlineData("IpAddress", "[\"10.0.0.0/8\",\"2001:db8::/32\"]", "2001:db8::1", true)]
    [InlineData("IpAddress", "\"10.0.0.0/8\"", "not-an-ip", false)]
    [InlineData("IpAddress", "\"10.0.0.0/8\"", null, false)]
    [InlineData("NotIpAddress", "\"10.0.0.0/8\"", "11.0.0.1", true)]
    [InlineData("NotIpAddress", "\"10.0.0.0/8\"", "10.0.0.1", false)]
    [InlineData("NotIpAddress", "\"2001:db8::/32\"", "2001:db8::5", false)]
    [InlineData("NotIpAddress", "\"10.0.0.0/8\"", null, true)]
    public void IpAddress_matches_v4_and_v6_cidr_blocks(string op, string values, string? actual, bool expected) =>
        Assert.Equal(expected, Holds(op, "aws:SourceIp", values, actual));

    [Theory]
    [InlineData("ArnEquals", "\"arn:aws:iam::111122223333:user/alice\"", "arn:aws:iam::111122223333:user/alice", true)]
    [InlineData("ArnEquals", "\"arn:aws:iam::111122223333:user/alice\"", "arn:aws:iam::111122223333:user/bob", false)]
    [InlineData("ArnLike", "\"arn:aws:iam::111122223333:user/*\"", "arn:aws:iam::111122223333:user/bob", true)]
    [InlineData("ArnLike", "\"arn:aws:iam::111122223333:user/*\"", "arn:aws:iam::111122223333:role/bob", false)]
    [InlineData("ArnLike", "\"arn:aws:iam::*:root\"", "arn:aws:iam::444455556666:root", true)]
    [InlineData("ArnLike", "\"arn:aws:iam::1111*\"", "arn:aws:iam::111122223333:root", false)]
    [InlineData("ArnLike", "\"arn:aws:iam::111122223333:user/*\"", "not-an-arn", false)]
    [InlineData("ArnNotEquals", "\"arn:aws:iam::111122223333:user/alice\"", "arn:aws:iam::111122223333:user/bob", true)]
    [InlineData("ArnNotEquals", "\"arn:aws:iam::111122223333:user/alice\"", "arn:aws:iam::111122223333:user/alice", false)]
    [InlineData("ArnNotLike", "\"arn:aws:iam::*:user/*\"", "arn:aws:iam::111122223333:role/x", true)]
    [InlineData("ArnNotLike", "\"arn:aws:iam::*:user/*\"", "arn:aws:iam::111122223333:user/x", false)]
    [InlineData("ArnNotLike", "\"arn:aws:iam::*:user/*\"", null, true)]
    public void Arn_operators_match_each_arn_segment(string op, string values, string? actual, bool expected) =>
        Assert.Equal(expected, Holds(op, "aws:SourceArn", values, actual));

    [Theory]
    [InlineData("\"true\"", null, true)]
    [InlineData("\"true\"", "x", false)]
    [InlineData("\"false\"", "x", true)]
    [InlineData("false", null, false)]
    public void Null_tests_whether_the_key_is_absent(string values, string? actual, bool expected) =>
        Assert.Equal(expected, Holds("Null", "s3:x-amz-acl", values, actual));

    [Theory]
    [InlineData("StringEqualsIfExists", "\"a\"", null, true)]
    [InlineData("StringEqualsIfExists", "\"a\"", "a", true)]
    [InlineData("StringEqualsIfExists", "\"a\"", "b", false)]
    [InlineData("StringNotEqualsIfExists", "\"a\"", "a", false)]
    [InlineData("NumericLessThanIfExists", "10", null, true)]
    [InlineData("NumericLessThanIfExists", "10", "20", false)]
    [InlineData("DateLessThanIfExists", "\"2026-01-01\"", null, true)]
    [InlineData("BoolIfExists", "\"true\"", null, true)]
    [InlineData("BoolIfExists", "\"true\"", "false", false)]
    [InlineData("IpAddressIfExists", "\"10.0.0.0/8\"", null, true)]
    [InlineData("IpAddressIfExists", "\"10.0.0.0/8\"", "11.0.0.1", false)]
    [InlineData("ArnLikeIfExists", "\"arn:aws:iam::*:root\"", null, true)]
    [InlineData("BinaryEqualsIfExists", "\"QmluYXJ5\"", null, true)]
    public void IfExists_is_true_when_the_key_is_absent_and_checks_it_otherwise(string op, string values, string? actual, bool expected) =>
        Assert.Equal(expected, Holds(op, "nuage:Key", values, actual));

    [Theory]
    [InlineData("ForAnyValue:StringEquals", "[\"a\",\"b\"]", "c|a", true)]
    [InlineData("ForAnyValue:StringEquals", "[\"a\",\"b\"]", "c|d", false)]
    [InlineData("ForAnyValue:StringEquals", "[\"a\",\"b\"]", null, false)]
    [InlineData("ForAnyValue:StringNotEquals", "\"a\"", "a|b", true)]
    [InlineData("ForAnyValue:StringNotEquals", "\"a\"", "a", false)]
    [InlineData("ForAnyValue:StringNotEquals", "\"a\"", null, false)]
    [InlineData("ForAnyValue:StringEqualsIfExists", "\"a\"", null, true)]
    [InlineData("ForAllValues:StringLike", "\"Created*\"", "CreatedBy|CreatedAt", true)]
    [InlineData("ForAllValues:StringLike", "\"Created*\"", "CreatedBy|Owner", false)]
    [InlineData("ForAllValues:StringLike", "\"Created*\"", null, true)]
    [InlineData("ForAllValues:StringEquals", "[\"a\",\"b\"]", "b|a", true)]
    [InlineData("ForAllValues:StringNotEquals", "\"a\"", "b|c", true)]
    [InlineData("ForAllValues:StringNotEquals", "\"a\"", "a|b", false)]
    [InlineData("ForAllValues:StringNotEquals", "\"a\"", null, true)]
    [InlineData("StringEquals", "\"a\"", "b|a", true)]
    [InlineData("StringNotEquals", "\"a\"", "b|a", false)]
    public void Set_qualifiers_follow_AWS_semantics_including_missing_keys(string op, string values, string? actual, bool expected) =>
        Assert.Equal(expected, Holds(op, "aws:TagKeys", values, actual));

    [Fact]
    public void Context_key_names_are_case_insensitive() =>
        Assert.True(Holds("StringEquals", "S3:Prefix", "\"home/\"", "home/") && HoldsWithRequestKey("s3:prefix"));

    [Fact]
    public void Several_keys_in_one_operator_are_ANDed()
    {
        var policy = Identity(Allow(extra: ""","Condition":{"StringEquals":{"s3:prefix":"home/","s3:delimiter":"/"}}"""));
        Assert.Equal(PolicyDecision.Allow, PolicyEvaluator.Evaluate(policy, Request(context: [("s3:prefix", ["home/"]), ("s3:delimiter", ["/"])])));
        Assert.Equal(PolicyDecision.NotApplicable, PolicyEvaluator.Evaluate(policy, Request(context: [("s3:prefix", ["home/"]), ("s3:delimiter", ["-"])])));
    }

    [Fact]
    public void Several_operators_are_ANDed()
    {
        var policy = Identity(Allow(extra: ""","Condition":{"StringEquals":{"s3:prefix":"home/"},"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}"""));
        Assert.Equal(PolicyDecision.Allow, PolicyEvaluator.Evaluate(policy, Request(context: [("s3:prefix", ["home/"]), ("aws:SourceIp", ["10.0.0.1"])])));
        Assert.Equal(PolicyDecision.NotApplicable, PolicyEvaluator.Evaluate(policy, Request(context: [("s3:prefix", ["home/"]), ("aws:SourceIp", ["11.0.0.1"])])));
    }

    private static bool HoldsWithRequestKey(string requestKey)
    {
        var policy = Identity(Allow(extra: ""","Condition":{"StringEquals":{"S3:PREFIX":"home/"}}"""));
        return PolicyEvaluator.Evaluate(policy, Request(context: (requestKey, ["home/"]))) == PolicyDecision.Allow;
    }
}
