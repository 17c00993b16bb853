using System.Globalization;
using Microsoft.AspNetCore.Http;
using Nuage.Iam;
using Nuage.S3.Auth;
using Nuage.Signing;

namespace Nuage.S3.Tests.Auth;

/// <summary>
/// The S3 door's choice of mechanism (the verifiers themselves are tested in Nuage.Signing.Tests): SigV2 by its
/// header or query, SigV4 otherwise, never two at once, and the bucket of a virtual-host SigV2 request from the Host.
/// The request is AWS's SigV2 "Object GET" example (bucket johnsmith, virtual host under s3.amazonaws.com).
/// </summary>
public sealed class S3AuthenticatorTests
{
    private const string AccessKey = "AKIAIOSFODNN7EXAMPLE";
    private const string Date = "Tue, 27 Mar 2007 19:36:42 +0000";
    private const string GetSignature = "bWq2s1WEIj+Ydj0vQ697zp+IXMU=";
    private const string PresignedGet = "/photos/puppy.jpg?AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=NpgCjnDzrM%2BWFzoENXmpNDUsSn8%3D&Expires=1175139620";

    private static readonly DateTimeOffset Now =
        DateTimeOffset.ParseExact("Tue, 27 Mar 2007 19:36:42 +00:00", "ddd, d MMM yyyy HH:mm:ss zzz", CultureInfo.InvariantCulture);

    private static readonly Principal Principal = new("example-account", AccessKey, "example");

    [Fact]
    public async Task SigV2_header_with_the_domain_verifies_the_virtual_host_bucket()
    {
        Assert.Equal(Principal, (await Authenticator("s3.amazonaws.com").AuthenticateAsync(Get(), CancellationToken.None)).Principal);
    }

    [Fact]
    public async Task Without_a_domain_every_request_is_path_style()
    {
        // Host names no bucket when no domain is configured: the virtual-host example's string then lacks "/johnsmith".
        var error = await Fail(Get(), domain: null);

        Assert.Equal(SignatureErrorCode.SignatureDoesNotMatch, error.Code);
        Assert.Equal("GET\n\n\n" + Date + "\n/photos/puppy.jpg", error.Details.Single(d => d.Key == "StringToSign").Value);
    }

    [Theory]
    [InlineData("AWS AKIAIOSFODNN7EXAMPLE:" + GetSignature)]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host,Signature=00")]
    public async Task Presigned_query_with_an_authorization_header_is_InvalidArgument(string authorization)
    {
        var request = TestRequests.Create("GET", PresignedGet,
            [("Host", "johnsmith.s3.amazonaws.com"), ("Date", Date), ("Authorization", authorization)]);

        var error = await Fail(request);

        Assert.Equal(SignatureErrorCode.InvalidArgument, error.Code);
        Assert.StartsWith("Only one auth mechanism allowed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SigV2_query_with_an_X_Amz_Signature_is_InvalidArgument()
    {
        var request = TestRequests.Create("GET", PresignedGet + "&X-Amz-Signature=b", [("Host", "johnsmith.s3.amazonaws.com")]);

        Assert.Equal(SignatureErrorCode.InvalidArgument, (await Fail(request)).Code);
    }

    [Fact]
    public async Task Anything_else_is_read_as_SigV4()
    {
        var request = TestRequests.Create("GET", "/photos/puppy.jpg",
            [("Host", "johnsmith.s3.amazonaws.com"), ("Authorization", "AWS4-HMAC-SHA256 Credential")]);

        Assert.Equal(SignatureErrorCode.AuthorizationHeaderMalformed, (await Fail(request)).Code);
    }

    private static S3Authenticator Authenticator(string? domain) => new(
        new StaticCredentialResolver(new AccessKeyCredential(AccessKey, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", Principal)),
        new FixedTimeProvider(Now),
        new S3FrontDoorOptions { Domain = domain });

    private static HttpRequest Get() => TestRequests.Create("GET", "/photos/puppy.jpg",
        [("Host", "johnsmith.s3.amazonaws.com"), ("Date", Date), ("Authorization", "AWS " + AccessKey + ":" + GetSignature)]);

    private static Task<SignatureException> Fail(HttpRequest request, string? domain = "s3.amazonaws.com") =>
        Assert.ThrowsAsync<SignatureException>(async () => await Authenticator(domain).AuthenticateAsync(request, CancellationToken.None));
}
