using System.Text;
using Nuage.S3.Errors;
using Nuage.S3.Xml;
using static Nuage.S3.Tests.Xml.XmlTestIo;

namespace Nuage.S3.Tests.Xml;

public sealed class CorsConfigurationDocumentTests
{
    private const string Ns = "xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"";

    [Fact]
    public async Task A_configuration_renders_parses_and_survives_storage()
    {
        var body = "<CORSConfiguration><CORSRule><ID>r1</ID><AllowedOrigin>https://*.example.com</AllowedOrigin>"
            + "<AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT</AllowedMethod><AllowedHeader>*</AllowedHeader>"
            + "<ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule>"
            + "<CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>HEAD</AllowedMethod></CORSRule></CORSConfiguration>";
        var parsed = CorsConfigurationDocument.Parse(await BodyAsync(body));
        Assert.Equal(2, parsed.Rules.Count);
        Assert.Equal("r1", parsed.Rules[0].Id);
        Assert.Equal(["GET", "PUT"], parsed.Rules[0].AllowedMethods);
        Assert.Equal(3000, parsed.Rules[0].MaxAgeSeconds);
        Assert.Null(parsed.Rules[1].Id);
        Assert.Null(parsed.Rules[1].MaxAgeSeconds);

        Assert.Equal(
            Declaration + $"<CORSConfiguration {Ns}><CORSRule><ID>r1</ID><AllowedHeader>*</AllowedHeader><AllowedMethod>GET</AllowedMethod>"
            + "<AllowedMethod>PUT</AllowedMethod><AllowedOrigin>https://*.example.com</AllowedOrigin><ExposeHeader>ETag</ExposeHeader>"
            + "<MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule><CORSRule><AllowedMethod>HEAD</AllowedMethod><AllowedOrigin>*</AllowedOrigin>"
            + "</CORSRule></CORSConfiguration>",
            Render(w => CorsConfigurationDocument.Write(w, parsed)));

        var stored = CorsConfigurationDocument.FromStored(CorsConfigurationDocument.ToStored(parsed));
        Assert.Equal(
            Render(w => CorsConfigurationDocument.Write(w, parsed)),
            Render(w => CorsConfigurationDocument.Write(w, stored)));
    }

    [Theory]
    [InlineData("<CORSConfiguration/>")]
    [InlineData("<CORS><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORS>")]
    [InlineData("<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin></CORSRule></CORSConfiguration>")]
    [InlineData("<CORSConfiguration><CORSRule><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>")]
    [InlineData("<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><MaxAgeSeconds>soon</MaxAgeSeconds></CORSRule></CORSConfiguration>")]
    public async Task Incomplete_configurations_are_MalformedXML(string body)
    {
        var root = await BodyAsync(body);
        Assert.Equal("MalformedXML", Assert.Throws<S3Exception>(() => CorsConfigurationDocument.Parse(root)).Error.Code);
    }

    [Fact]
    public async Task More_than_100_rules_are_refused()
    {
        var rule = "<CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule>";
        var hundred = await BodyAsync("<CORSConfiguration>" + new StringBuilder().Insert(0, rule, 100) + "</CORSConfiguration>");
        Assert.Equal(100, CorsConfigurationDocument.Parse(hundred).Rules.Count);
        var more = await BodyAsync("<CORSConfiguration>" + new StringBuilder().Insert(0, rule, 101) + "</CORSConfiguration>");
        Assert.Equal("MalformedXML", Assert.Throws<S3Exception>(() => CorsConfigurationDocument.Parse(more)).Error.Code);
    }

    [Theory]
    [InlineData("<AllowedOrigin>*</AllowedOrigin><AllowedMethod>COPY</AllowedMethod>", "Found unsupported HTTP method in CORS config. Unsupported method is COPY")]
    [InlineData("<AllowedOrigin>*</AllowedOrigin><AllowedMethod>get</AllowedMethod>", "Found unsupported HTTP method in CORS config. Unsupported method is get")]
    [InlineData("<AllowedOrigin>https://*.*.example.com</AllowedOrigin><AllowedMethod>GET</AllowedMethod>", "AllowedOrigin \"https://*.*.example.com\" can not have more than one wildcard.")]
    [InlineData("<AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedHeader>x-*-*</AllowedHeader>", "AllowedHeader \"x-*-*\" can not have more than one wildcard.")]
    public async Task What_S3_cannot_evaluate_is_InvalidRequest(string rule, string message)
    {
        var root = await BodyAsync("<CORSConfiguration><CORSRule>" + rule + "</CORSRule></CORSConfiguration>");
        var error = Assert.Throws<S3Exception>(() => CorsConfigurationDocument.Parse(root));
        Assert.Equal("InvalidRequest", error.Error.Code);
        Assert.Equal(message, error.Message);
    }
}
