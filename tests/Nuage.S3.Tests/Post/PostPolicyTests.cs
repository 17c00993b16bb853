using System.Text;
using Nuage.S3.Errors;
using Nuage.S3.Post;
using Xunit;

namespace Nuage.S3.Tests.Post;

public sealed class PostPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static string Encode(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json));

    private static PostPolicy Policy(string conditions, string expiration = "2026-12-01T13:00:00Z") =>
        PostPolicy.Parse(Encode($$"""{"expiration": "{{expiration}}", "conditions": [{{conditions}}]}"""));

    private static Dictionary<string, string> Fields(params (string Name, string Value)[] fields)
    {
        var dictionary = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in fields)
        {
            dictionary[name] = value;
        }

        return dictionary;
    }

    private static S3Exception Denied(PostPolicy policy, Dictionary<string, string> fields, string bucket = "b")
    {
        var error = Assert.Throws<S3Exception>(() => policy.Check(fields, bucket, Now));
        Assert.Equal("AccessDenied", error.Error.Code);
        Assert.Equal(403, error.Error.Status);
        return error;
    }

    [Fact]
    public void Exact_starts_with_and_eq_conditions_hold()
    {
        var policy = Policy("""{"bucket": "b"}, ["starts-with", "$key", "user/"], ["eq", "$acl", "private"], {"Content-Type": "text/plain"}""");
        policy.Check(Fields(("key", "user/a.txt"), ("acl", "private"), ("content-type", "text/plain")), "b", Now);
        Assert.Equal(4, policy.Conditions.Count);
    }

    [Fact]
    public void Operators_and_field_names_are_case_insensitive()
    {
        var policy = Policy("""["StArTs-WiTh", "$KeY", "foo"], ["EQ", "$CoNtEnT-TyPe", "text/plain"]""");
        policy.Check(Fields(("key", "foo.txt"), ("Content-Type", "text/plain")), "b", Now);
    }

    [Fact]
    public void Empty_starts_with_prefix_allows_any_value()
    {
        Policy("""["starts-with", "$key", ""]""").Check(Fields(("key", "anything")), "b", Now);
    }

    [Fact]
    public void Expired_policy_is_denied()
    {
        var error = Denied(Policy("""["starts-with", "$key", ""]""", "2026-12-01T11:59:59Z"), Fields(("key", "k")));
        Assert.Equal("Invalid according to Policy: Policy expired.", error.Message);
    }

    [Fact]
    public void Failed_starts_with_names_the_condition()
    {
        var error = Denied(Policy("""["starts-with", "$key", "foo"]"""), Fields(("key", "bar")));
        Assert.StartsWith("Invalid according to Policy: Policy Condition failed: ", error.Message);
        Assert.Contains("$key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Exact_values_are_case_sensitive()
    {
        Denied(Policy("""{"acl": "private"}"""), Fields(("acl", "Private")));
    }

    [Fact]
    public void Bucket_condition_checks_the_bucket_of_the_request()
    {
        Denied(Policy("""{"bucket": "other"}"""), Fields(), bucket: "b");
    }

    [Fact]
    public void Missing_field_fails_its_condition()
    {
        Denied(Policy("""["starts-with", "$x-amz-meta-foo", ""]"""), Fields());
    }

    [Fact]
    public void Field_not_covered_by_a_condition_is_an_extra_input_field()
    {
        var error = Denied(Policy("""["starts-with", "$key", ""]"""), Fields(("key", "k"), ("x-amz-meta-foo", "bar")));
        Assert.Equal("Invalid according to Policy: Extra input fields: x-amz-meta-foo", error.Message);
    }

    [Fact]
    public void Signature_policy_file_checksum_and_x_ignore_fields_need_no_condition()
    {
        Policy("""["starts-with", "$key", ""]""").Check(
            Fields(("key", "k"), ("policy", "p"), ("signature", "s"), ("AWSAccessKeyId", "a"), ("x-amz-signature", "s"), ("x-ignore-me", "1"),
                ("x-amz-checksum-sha256", "c")),
            "b", Now);
    }

    [Fact]
    public void Content_length_range_is_read()
    {
        var policy = Policy("""["content-length-range", 10, 1024]""");
        Assert.Equal(10, policy.MinLength);
        Assert.Equal(1024, policy.MaxLength);
        Assert.Empty(policy.Conditions);
    }

    [Theory]
    [InlineData("not base64 !!")]
    [InlineData("bm90IGpzb24=")] // "not json"
    [InlineData("eyJjb25kaXRpb25zIjogW119")] // {"conditions": []}: no expiration
    [InlineData("eyJleHBpcmF0aW9uIjogIjIwMjYtMTItMDFUMTM6MDA6MDBaIn0=")] // no conditions
    public void Unreadable_policy_is_InvalidPolicyDocument(string base64)
    {
        var error = Assert.Throws<S3Exception>(() => PostPolicy.Parse(base64));
        Assert.Equal("InvalidPolicyDocument", error.Error.Code);
        Assert.Equal(400, error.Error.Status);
    }

    [Theory]
    [InlineData("""{"EXPIRATION": "2026-12-01T13:00:00Z", "conditions": []}""")]
    [InlineData("""{"expiration": "2026-12-01T13:00:00Z", "CONDITIONS": []}""")]
    [InlineData("""{"expiration": "2026-12-01 13:00:00.123+00:00", "conditions": []}""")]
    [InlineData("""{"expiration": "2026-12-01T13:00:00Z", "conditions": [{}]}""")]
    [InlineData("""{"expiration": "2026-12-01T13:00:00Z", "conditions": [["content-length-range", 0]]}""")]
    [InlineData("""{"expiration": "2026-12-01T13:00:00Z", "conditions": [["content-length-range", -1, 0]]}""")]
    [InlineData("""{"expiration": "2026-12-01T13:00:00Z", "conditions": [["content-length-range", 10, 1]]}""")]
    [InlineData("""{"expiration": "2026-12-01T13:00:00Z", "conditions": [["matches", "$key", "x"]]}""")]
    [InlineData("""{"expiration": "2026-12-01T13:00:00Z", "conditions": [["eq", "key", "x"]]}""")]
    [InlineData("""{"expiration": "2026-12-01T13:00:00Z", "conditions": [["eq", "$key"]]}""")]
    public void Malformed_document_is_InvalidPolicyDocument(string json)
    {
        var error = Assert.Throws<S3Exception>(() => PostPolicy.Parse(Encode(json)));
        Assert.Equal("InvalidPolicyDocument", error.Error.Code);
    }

    [Fact]
    public void Expiration_with_milliseconds_is_accepted()
    {
        var policy = Policy("""["starts-with", "$key", ""]""", "2026-12-01T13:00:00.000Z");
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 13, 0, 0, TimeSpan.Zero), policy.Expiration);
    }
}
