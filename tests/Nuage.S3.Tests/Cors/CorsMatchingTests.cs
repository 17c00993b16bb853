using Microsoft.AspNetCore.Http;
using Nuage.S3.Cors;
using Xunit;

namespace Nuage.S3.Tests.Cors;

public sealed class CorsMatchingTests
{
    private static CorsRule Rule(string[] methods, string[] origins, string[]? headers = null, string[]? expose = null, int? maxAge = null, string? id = null) =>
        new(id, methods, origins, headers ?? [], expose ?? [], maxAge);

    [Theory]
    [InlineData("https://*.example.com", "https://www.example.com", true)]
    [InlineData("https://*.example.com", "https://a.b.example.com", true)]
    [InlineData("https://*.example.com", "https://example.com", false)]
    [InlineData("https://*.example.com", "http://www.example.com", false)]
    [InlineData("*", "https://anything.test", true)]
    [InlineData("*.suffix", "foo.suffix", true)]
    [InlineData("start*", "start", true)]
    [InlineData("prefix*suffix", "prefixsuffix", true)]
    [InlineData("prefix*suffix", "prefix-suffix-x", false)]
    [InlineData("ab*ba", "aba", false)]
    [InlineData("https://www.example.com", "https://www.example.com", true)]
    [InlineData("https://www.example.com", "https://www.example.com:8443", false)]
    public void An_allowed_origin_has_at_most_one_wildcard_standing_for_any_run(string pattern, string origin, bool matches)
    {
        var rule = Rule(["GET"], [pattern]);
        Assert.Equal(matches, rule.MatchingOrigin(origin) is not null);
    }

    [Fact]
    public void Origins_and_methods_are_compared_as_written_but_header_names_ignore_case()
    {
        var rule = Rule(["GET", "PUT"], ["https://www.example.com"], ["x-amz-*", "Content-Type"]);
        Assert.Null(rule.MatchingOrigin("https://WWW.example.com"));
        Assert.True(rule.AllowsMethod("PUT"));
        Assert.False(rule.AllowsMethod("put"));
        Assert.False(rule.AllowsMethod("DELETE"));
        Assert.True(rule.AllowsHeader("X-Amz-Meta-Color"));
        Assert.True(rule.AllowsHeader("content-type"));
        Assert.False(rule.AllowsHeader("authorization"));
    }

    [Fact]
    public void The_first_rule_admitting_origin_method_and_every_header_wins()
    {
        var configuration = new CorsConfiguration(
        [
            Rule(["PUT"], ["https://a.test"], ["content-type"], id: "put"),
            Rule(["GET", "PUT"], ["*"], ["*"], id: "any"),
            Rule(["GET"], ["https://a.test"], id: "never-reached"),
        ]);

        Assert.Equal("put", configuration.Match("https://a.test", "PUT", ["content-type"])?.Rule.Id);
        Assert.Equal("any", configuration.Match("https://a.test", "PUT", ["content-type", "x-amz-date"])?.Rule.Id);
        Assert.Equal("any", configuration.Match("https://a.test", "GET", [])?.Rule.Id);
        Assert.Null(configuration.Match("https://a.test", "DELETE", []));
    }

    [Fact]
    public void A_rule_without_allowed_headers_admits_no_requested_header()
    {
        var configuration = new CorsConfiguration([Rule(["GET"], ["*"], expose: ["x-amz-meta-header1"])]);
        Assert.NotNull(configuration.Match("example.origin", "GET", []));
        Assert.Null(configuration.Match("example.origin", "GET", ["x-amz-meta-header2"]));
    }

    [Fact]
    public void A_specific_origin_is_echoed_with_credentials_and_a_wildcard_one_is_not()
    {
        var rule = Rule(["GET", "PUT"], ["https://*.example.com"], ["*"], ["ETag", "x-amz-request-id"], 3000);
        IHeaderDictionary headers = new HeaderDictionary();
        CorsResponseHeaders.Apply(headers, new CorsMatch(rule, "https://*.example.com"), "https://app.example.com", ["content-type", "x-amz-date"]);
        Assert.Equal("https://app.example.com", headers.AccessControlAllowOrigin.ToString());
        Assert.Equal("true", headers.AccessControlAllowCredentials.ToString());
        Assert.Equal("GET, PUT", headers.AccessControlAllowMethods.ToString());
        Assert.Equal("content-type, x-amz-date", headers.AccessControlAllowHeaders.ToString());
        Assert.Equal("ETag, x-amz-request-id", headers.AccessControlExposeHeaders.ToString());
        Assert.Equal("3000", headers.AccessControlMaxAge.ToString());
        Assert.Equal(CorsResponseHeaders.Vary, headers.Vary.ToString());

        IHeaderDictionary any = new HeaderDictionary();
        CorsResponseHeaders.Apply(any, new CorsMatch(Rule(["GET"], ["*"]), "*"), "https://app.example.com", null);
        Assert.Equal("*", any.AccessControlAllowOrigin.ToString());
        Assert.Equal(0, any.AccessControlAllowCredentials.Count);
        Assert.Equal(0, any.AccessControlAllowHeaders.Count);
        Assert.Equal(0, any.AccessControlMaxAge.Count);
    }

    [Fact]
    public void Requested_headers_are_split_on_commas_trimmed_and_lower_cased()
    {
        var headers = new HeaderDictionary { ["Access-Control-Request-Headers"] = new(["Content-Type, X-Amz-Date", " ,x-amz-meta-a"]) };
        Assert.Equal(["content-type", "x-amz-date", "x-amz-meta-a"], CorsResponseHeaders.RequestedHeaders(headers));
    }
}
