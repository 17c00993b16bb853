using Microsoft.AspNetCore.Http;

namespace Nuage.Signing.Tests;

/// <summary>
/// One verifier per door, each for its service: the credential scope's service must be one the door serves, and the
/// signing key is derived for that service ("Signature Calculations for the Authorization Header", Task 4).
/// </summary>
public sealed class ServiceScopeTests
{
    private const string EmptySha = TestSigner.EmptySha256;

    [Fact]
    public void Signing_key_matches_the_published_derivation_for_iam()
    {
        // "Examples of how to derive a signing key for Signature Version 4" (secret, 20120215, us-east-1, iam).
        var key = SigningKeyCache.Derive("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215", "us-east-1", "iam");

        Assert.Equal("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d", Convert.ToHexStringLower(key));
    }

    [Fact]
    public void Request_signed_for_the_door_service_verifies()
    {
        var authenticator = new SigV4Authenticator(AwsExamples.Credentials, new FixedTimeProvider(AwsExamples.Time), service: "iam");

        Assert.Equal(AwsExamples.Principal, authenticator.Authenticate(Signed("iam")).Principal);
    }

    [Theory]
    [InlineData("s3")]
    [InlineData("sts")]
    public void Door_serving_several_services_verifies_each_with_its_own_key(string service)
    {
        var authenticator = new SigV4Authenticator(AwsExamples.Credentials, new FixedTimeProvider(AwsExamples.Time), ["iam", "sts", "s3"]);

        // The same key, date and region for two services: the cached signing key must not be shared between them.
        Assert.Equal(AwsExamples.Principal, authenticator.Authenticate(Signed("iam")).Principal);
        Assert.Equal(AwsExamples.Principal, authenticator.Authenticate(Signed(service)).Principal);
    }

    [Fact]
    public void Request_signed_for_another_service_is_refused_naming_the_door_service()
    {
        var error = Assert.Throws<SignatureException>(() => AwsExamples.Authenticator().Authenticate(Signed("iam")));

        Assert.Equal(SignatureErrorCode.AuthorizationHeaderMalformed, error.Code);
        Assert.Equal("The authorization header is malformed; incorrect service \"iam\". This endpoint belongs to \"s3\".", error.Reason);
    }

    [Fact]
    public void Presigned_url_for_another_service_is_refused()
    {
        var request = TestRequests.Create("GET",
            "/?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fsts%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=00",
            [("Host", "s3.local")]);

        var error = Assert.Throws<SignatureException>(() => AwsExamples.Authenticator().Authenticate(request));

        Assert.Equal(SignatureErrorCode.AuthorizationQueryParametersError, error.Code);
    }

    [Fact]
    public void A_door_needs_a_service()
    {
        Assert.Throws<ArgumentException>(() => new SigV4Authenticator(AwsExamples.Credentials, TimeProvider.System, Array.Empty<string>()));
    }

    private static HttpRequest Signed(string service)
    {
        var signer = new TestSigner(AwsExamples.AccessKey, AwsExamples.Secret, service: service);
        List<(string Name, string Value)> headers = [("host", "api.local"), ("x-amz-date", AwsExamples.AmzDate), ("x-amz-content-sha256", EmptySha)];
        var authorization = signer.Authorization("GET", "/", "Action=ListUsers", headers, EmptySha, AwsExamples.Time, out _);
        return TestRequests.Create("GET", "/?Action=ListUsers", [.. headers, ("Authorization", authorization)]);
    }
}
