using System.Text;
using Nuage.Admin.Errors;
using Nuage.Admin.Http;

namespace Nuage.Admin.Tests;

public sealed class JsonBodyTests
{
    [Theory]
    [InlineData("", "empty")]
    [InlineData("{", "not valid JSON")]
    [InlineData("{\"name\":1}{}", "not valid JSON")]
    [InlineData("[1,2]", "must be a JSON object, not an array")]
    [InlineData("\"x\"", "must be a JSON object, not a string")]
    public void Malformed_bodies_are_MalformedJson_with_a_reason(string text, string reason)
    {
        var e = Assert.Throws<AdminException>(() => JsonBody.Parse(Encoding.UTF8.GetBytes(text)));
        Assert.Equal(AdminError.MalformedJson, e.Error);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrongly_typed_fields_name_the_field_and_the_expected_type()
    {
        var body = JsonBody.Parse("""{"name": 3, "quotaBytes": -1, "force": "yes", "document": 5}"""u8);
        Assert.Contains("\"name\" must be a string", Assert.Throws<AdminException>(() => body.RequiredString("name")).Message, StringComparison.Ordinal);
        Assert.Contains("\"quotaBytes\" must be a whole number", Assert.Throws<AdminException>(() => body.OptionalWholeNumber("quotaBytes")).Message, StringComparison.Ordinal);
        Assert.Contains("\"force\" must be true or false", Assert.Throws<AdminException>(() => body.OptionalBool("force")).Message, StringComparison.Ordinal);
        Assert.Contains("\"document\" must be a policy document", Assert.Throws<AdminException>(() => body.RequiredDocument("document")).Message, StringComparison.Ordinal);
        Assert.Contains("\"email\" is required", Assert.Throws<AdminException>(() => body.RequiredString("email")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_policy_document_may_be_an_object_or_a_string()
    {
        var body = JsonBody.Parse("""{"a": {"Version": "2012-10-17"}, "b": "{\"Version\":\"2012-10-17\"}"}"""u8);
        Assert.Equal("""{"Version": "2012-10-17"}""", body.RequiredDocument("a"));
        Assert.Equal("""{"Version":"2012-10-17"}""", body.RequiredDocument("b"));
    }

    [Fact]
    public void Null_reads_as_absent_but_is_present()
    {
        var body = JsonBody.Parse("""{"email": null}"""u8);
        Assert.True(body.Has("email"));
        Assert.Null(body.OptionalString("email"));
        Assert.False(body.Has("quotaBytes"));
    }
}
