using System.Text;
using Microsoft.AspNetCore.Http;
using Nuage.Iam;

namespace Nuage.Signing.Tests;

/// <summary>
/// The query-API mode (IAM, STS): botocore signs the form body but sends no x-amz-content-sha256, so the verifier
/// hashes the (bounded) body itself. AWS's published SigV4 test suite case "post-x-www-form-urlencoded" and
/// requests from the independent test signer.
/// </summary>
public sealed class FormBodyModeTests
{
    private static readonly DateTimeOffset Time = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    [Fact]
    public async Task Aws_test_suite_post_x_www_form_urlencoded_verifies()
    {
        // aws-sig-v4-test-suite/post-x-www-form-urlencoded: AKIDEXAMPLE, scope 20150830/us-east-1/service.
        const string secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
        var principal = new Principal("example", "AKIDEXAMPLE", "example");
        var authenticator = new SigV4Authenticator(
            new StaticCredentialResolver(new AccessKeyCredential("AKIDEXAMPLE", secret, principal)), new FixedTimeProvider(Time), "service");
        var signature = new TestSigner("AKIDEXAMPLE", secret, service: "service").Signature(
            "POST", "/", "", [("content-type", "application/x-www-form-urlencoded"), ("host", "example.amazonaws.com"), ("x-amz-date", "20150830T123600Z")],
            TestSigner.Sha256Hex("Param1=value1"), Time, out _);
        Assert.Equal("ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a", signature);
        var request = TestRequests.Create("POST", "/", [
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Host", "example.amazonaws.com"),
            ("X-Amz-Date", "20150830T123600Z"),
            ("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"),
        ], new MemoryStream("Param1=value1"u8.ToArray()));

        var auth = await authenticator.AuthenticateFormAsync(request, CancellationToken.None);

        Assert.Equal(principal, auth.Principal);
        Assert.Equal("Param1=value1", await new StreamReader(auth.Body).ReadToEndAsync());
    }

    [Fact]
    public async Task Iam_form_signed_without_content_sha256_verifies_and_hands_back_the_body()
    {
        var auth = await Iam().AuthenticateFormAsync(Signed("Action=ListUsers&Version=2010-05-08"), CancellationToken.None);

        Assert.Equal(AwsExamples.Principal, auth.Principal);
        Assert.Equal("Action=ListUsers&Version=2010-05-08", await new StreamReader(auth.Body).ReadToEndAsync());
    }

    [Fact]
    public async Task Changed_body_is_SignatureDoesNotMatch()
    {
        var request = Signed("Action=ListUsers&Version=2010-05-08", sentBody: "Action=DeleteUser&Version=2010-05-08");

        var error = await Assert.ThrowsAsync<SignatureException>(async () => await Iam().AuthenticateFormAsync(request, CancellationToken.None));

        Assert.Equal(SignatureErrorCode.SignatureDoesNotMatch, error.Code);
    }

    [Fact]
    public async Task Body_over_64_KiB_is_refused_before_verification()
    {
        var big = "Action=ListUsers&Pad=" + new string('x', SigV4Authenticator.MaxFormBodyBytes);

        var error = await Assert.ThrowsAsync<SignatureException>(async () => await Iam().AuthenticateFormAsync(Signed(big), CancellationToken.None));

        Assert.Equal(SignatureErrorCode.InvalidRequest, error.Code);
    }

    [Fact]
    public void S3_mode_still_requires_content_sha256()
    {
        var error = Assert.Throws<SignatureException>(() => Iam().Authenticate(Signed("Action=ListUsers")));

        Assert.Equal(SignatureErrorCode.InvalidRequest, error.Code);
        Assert.Contains("x-amz-content-sha256", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsigned_form_is_anonymous()
    {
        var request = TestRequests.Create("POST", "/", [("Host", "iam.local")], new MemoryStream("Action=ListUsers"u8.ToArray()));

        Assert.True((await Iam().AuthenticateFormAsync(request, CancellationToken.None)).IsAnonymous);
    }

    private static SigV4Authenticator Iam() =>
        new(AwsExamples.Credentials, new FixedTimeProvider(AwsExamples.Time), ["iam", "sts"]);

    private static HttpRequest Signed(string body, string? sentBody = null)
    {
        var signer = new TestSigner(AwsExamples.AccessKey, AwsExamples.Secret, service: "iam");
        List<(string Name, string Value)> headers =
        [
            ("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
            ("Host", "127.0.0.1:9000"),
            ("X-Amz-Date", AwsExamples.AmzDate),
        ];
        var authorization = signer.Authorization("POST", "/", "", headers, TestSigner.Sha256Hex(body), AwsExamples.Time, out _);
        headers.Add(("Authorization", authorization));
        return TestRequests.Create("POST", "/", headers, new MemoryStream(Encoding.UTF8.GetBytes(sentBody ?? body)));
    }
}
