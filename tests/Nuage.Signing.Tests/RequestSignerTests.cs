using System.Text;

namespace Nuage.Signing.Tests;

/// <summary>Nuage's client-side signer (used by `nuage admin`): what it signs, the door's verifier accepts.</summary>
public sealed class RequestSignerTests
{
    [Theory]
    [InlineData("GET", "/api/accounts", "")]
    [InlineData("DELETE", "/api/accounts/acme/users/a%2Bb%40c", "?force=true")]
    [InlineData("PUT", "/api/accounts/acme/users/alice/policies/read", "")]
    public async Task Signed_requests_verify_with_the_door_authenticator(string method, string path, string query)
    {
        var body = method == "PUT" ? Encoding.UTF8.GetBytes("""{"Version":"2012-10-17"}""") : [];
        using var message = new HttpRequestMessage(new HttpMethod(method), "http://127.0.0.1:9001" + path + query);
        new SigV4RequestSigner(AwsExamples.AccessKey, AwsExamples.Secret, "us-east-1", "nuage-admin").Sign(message, body, AwsExamples.Time);

        var headers = message.Headers.Select(h => (h.Key, string.Join(',', h.Value))).ToList();
        var request = TestRequests.Create(method, path + query, headers, new MemoryStream(body));
        var authenticator = new SigV4Authenticator(AwsExamples.Credentials, new FixedTimeProvider(AwsExamples.Time), "nuage-admin");
        var verified = authenticator.Authenticate(request);

        Assert.Equal(AwsExamples.Principal, verified.Principal);
        Assert.Equal(body, await TestRequests.ReadAllAsync(verified.Body));
    }

    [Fact]
    public void A_request_signed_with_another_secret_does_not_verify()
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1:9001/api/accounts");
        new SigV4RequestSigner(AwsExamples.AccessKey, "another-secret", "us-east-1", "nuage-admin").Sign(message, [], AwsExamples.Time);
        var request = TestRequests.Create("GET", "/api/accounts", message.Headers.Select(h => (h.Key, string.Join(',', h.Value))));
        var authenticator = new SigV4Authenticator(AwsExamples.Credentials, new FixedTimeProvider(AwsExamples.Time), "nuage-admin");

        Assert.Equal(SignatureErrorCode.SignatureDoesNotMatch, Assert.Throws<SignatureException>(() => authenticator.Authenticate(request)).Code);
    }
}
