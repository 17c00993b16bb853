using Microsoft.AspNetCore.Http;

namespace Nuage.Signing.Tests;

/// <summary>Each way a SigV4 request can fail authentication, with its code (S3ErrorMapper turns it into S3's).</summary>
public sealed class AuthFailureTests
{
    private const string EmptySha = TestSigner.EmptySha256;
    private const string GetObjectSignature = "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41";

    [Fact]
    public async Task Unsigned_request_is_anonymous_with_its_body_as_sent()
    {
        var request = TestRequests.Create("PUT", "/bucket/key", [("Host", "s3.local"), ("Content-Length", "3")], new MemoryStream("abc"u8.ToArray()));

        var result = AwsExamples.Authenticator().Authenticate(request);

        Assert.True(result.IsAnonymous);
        Assert.Null(result.Principal);
        Assert.Equal(3, result.DecodedContentLength);
        Assert.Equal("abc"u8.ToArray(), await TestRequests.ReadAllAsync(result.Body));
    }

    [Fact]
    public void Wrong_signature_is_SignatureDoesNotMatch_with_the_strings_to_compare()
    {
        var error = Fail(GetObject(signature: "0" + GetObjectSignature[1..]));

        Assert.Equal(SignatureErrorCode.SignatureDoesNotMatch, error.Code);
        var details = error.Details.ToDictionary(d => d.Key, d => d.Value);
        Assert.Equal(AwsExamples.AccessKey, details["AWSAccessKeyId"]);
        Assert.Equal(
            "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972",
            details["StringToSign"]);
        Assert.Equal(
            "GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\nx-amz-content-sha256:" + EmptySha + "\nx-amz-date:20130524T000000Z\n\nhost;range;x-amz-content-sha256;x-amz-date\n" + EmptySha,
            details["CanonicalRequest"]);
    }

    [Fact]
    public void Changed_signed_header_is_SignatureDoesNotMatch()
    {
        var error = Fail(GetObject(range: "bytes=0-10"));

        Assert.Equal(SignatureErrorCode.SignatureDoesNotMatch, error.Code);
    }

    [Fact]
    public void Signature_that_is_not_hex_is_SignatureDoesNotMatch()
    {
        Assert.Equal(SignatureErrorCode.SignatureDoesNotMatch, Fail(GetObject(signature: "xyz")).Code);
    }

    [Fact]
    public void Unknown_access_key_is_InvalidAccessKeyId()
    {
        var error = Fail(GetObject(credential: "AKIANOTKNOWN0000000/20130524/us-east-1/s3/aws4_request"));

        Assert.Equal(SignatureErrorCode.InvalidAccessKeyId, error.Code);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(-16)]
    public void Request_time_more_than_15_minutes_off_is_RequestTimeTooSkewed(int minutes)
    {
        var time = new FixedTimeProvider(AwsExamples.Time.AddMinutes(minutes));

        var error = Fail(GetObject(), time);

        Assert.Equal(SignatureErrorCode.RequestTimeTooSkewed, error.Code);
    }

    [Theory]
    [InlineData(14)]
    [InlineData(-14)]
    public void Request_time_within_15_minutes_is_accepted(int minutes)
    {
        var time = new FixedTimeProvider(AwsExamples.Time.AddMinutes(minutes));

        Assert.Equal(AwsExamples.Principal, AwsExamples.Authenticator(time).Authenticate(GetObject()).Principal);
    }

    [Theory]
    [InlineData("AWS4-HMAC-SHA256 SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=" + GetObjectSignature)]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,Signature=" + GetObjectSignature)]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3,SignedHeaders=host,Signature=" + GetObjectSignature)]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/2013052/us-east-1/s3/aws4_request,SignedHeaders=host,Signature=" + GetObjectSignature)]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws5_request,SignedHeaders=host,Signature=" + GetObjectSignature)]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,Credential=x,SignedHeaders=host,Signature=" + GetObjectSignature)]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/ec2/aws4_request,SignedHeaders=host,Signature=" + GetObjectSignature)]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130525/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=" + GetObjectSignature)]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=range;x-amz-content-sha256;x-amz-date,Signature=" + GetObjectSignature)]
    [InlineData("AWS4-HMAC-SHA256 Credential")]
    public void Malformed_authorization_header_is_AuthorizationHeaderMalformed(string authorization)
    {
        var error = Fail(GetObject(authorization: authorization));

        Assert.Equal(SignatureErrorCode.AuthorizationHeaderMalformed, error.Code);
    }

    [Theory]
    [InlineData("AWS4-ECDSA-P256-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/s3/aws4_request", SignatureErrorCode.InvalidRequest)]
    [InlineData("Bearer token", SignatureErrorCode.InvalidArgument)]
    [InlineData("garbage", SignatureErrorCode.InvalidArgument)]
    public void Other_authorization_schemes_are_refused(string authorization, SignatureErrorCode code)
    {
        Assert.Equal(code, Fail(GetObject(authorization: authorization)).Code);
    }

    [Theory]
    [InlineData("AWS4-HMAC-SHA256   Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request ,  SignedHeaders=host;range;x-amz-content-sha256;x-amz-date ,Signature=" + GetObjectSignature)]
    [InlineData("AWS4-HMAC-SHA256 Signature=" + GetObjectSignature + ", Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request SignedHeaders=host;range;x-amz-content-sha256;x-amz-date Signature=" + GetObjectSignature)]
    public void Authorization_header_spacing_and_order_variants_are_accepted(string authorization)
    {
        Assert.Equal(AwsExamples.Principal, AwsExamples.Authenticator().Authenticate(GetObject(authorization: authorization)).Principal);
    }

    [Fact]
    public void Missing_date_is_AccessDenied()
    {
        var request = TestRequests.Create("GET", "/test.txt",
        [
            ("Host", "examplebucket.s3.amazonaws.com"),
            ("Authorization", $"AWS4-HMAC-SHA256 Credential={AwsExamples.Credential},SignedHeaders=host;x-amz-content-sha256,Signature={GetObjectSignature}"),
            ("x-amz-content-sha256", EmptySha),
        ]);

        Assert.Equal(SignatureErrorCode.AccessDenied, Fail(request).Code);
    }

    [Fact]
    public void Missing_x_amz_content_sha256_is_InvalidRequest()
    {
        var request = TestRequests.Create("GET", "/test.txt",
        [
            ("Host", "examplebucket.s3.amazonaws.com"),
            ("Authorization", $"AWS4-HMAC-SHA256 Credential={AwsExamples.Credential},SignedHeaders=host;x-amz-date,Signature={GetObjectSignature}"),
            ("x-amz-date", AwsExamples.AmzDate),
        ]);

        var error = Fail(request);

        Assert.Equal(SignatureErrorCode.InvalidRequest, error.Code);
        Assert.Contains("x-amz-content-sha256", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_x_amz_content_sha256_is_InvalidArgument()
    {
        Assert.Equal(SignatureErrorCode.InvalidArgument, Fail(GetObject(contentSha: "not-a-hash")).Code);
    }

    [Fact]
    public void Unsigned_x_amz_header_is_AccessDenied()
    {
        var request = GetObject(extra: ("x-amz-copy-source", "/other/key"));

        var error = Fail(request);

        Assert.Equal(SignatureErrorCode.AccessDenied, error.Code);
        Assert.Contains(error.Details, d => d.Key == "HeadersNotSigned" && d.Value == "x-amz-copy-source");
    }

    [Fact]
    public void Authorization_header_and_presigned_query_together_are_refused()
    {
        var request = TestRequests.Create("GET", "/test.txt?X-Amz-Signature=abc",
        [
            ("Host", "examplebucket.s3.amazonaws.com"),
            ("Authorization", $"AWS4-HMAC-SHA256 Credential={AwsExamples.Credential},SignedHeaders=host,Signature={GetObjectSignature}"),
        ]);

        Assert.Equal(SignatureErrorCode.InvalidArgument, Fail(request).Code);
    }

    [Fact]
    public void Expired_presigned_url_is_an_expired_request()
    {
        var time = new FixedTimeProvider(AwsExamples.Time.AddSeconds(86401));

        var error = Fail(PresignedExample(), time);

        Assert.Equal(SignatureErrorCode.ExpiredRequest, error.Code);
        Assert.Contains(error.Details, d => d.Key == "X-Amz-Expires" && d.Value == "86400");
    }

    [Fact]
    public void Presigned_url_dated_in_the_future_is_not_valid_yet()
    {
        var time = new FixedTimeProvider(AwsExamples.Time.AddMinutes(-20));

        var error = Fail(PresignedExample(), time);

        Assert.Equal(SignatureErrorCode.NotYetValid, error.Code);
    }

    [Fact]
    public void Presigned_url_with_tampered_path_is_SignatureDoesNotMatch()
    {
        Assert.Equal(SignatureErrorCode.SignatureDoesNotMatch, Fail(PresignedExample("/test2.txt")).Code);
    }

    [Theory]
    [InlineData("X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-SignedHeaders=host&X-Amz-Signature=00")]
    [InlineData("X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=604801&X-Amz-SignedHeaders=host&X-Amz-Signature=00")]
    [InlineData("X-Amz-Algorithm=AWS4-HMAC-SHA1&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=00")]
    [InlineData("X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=2013-05-24&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=00")]
    [InlineData("X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=60&X-Amz-SignedHeaders=range&X-Amz-Signature=00")]
    [InlineData("X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE&X-Amz-Date=20130524T000000Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=00")]
    public void Malformed_presigned_query_is_AuthorizationQueryParametersError(string query)
    {
        var request = TestRequests.Create("GET", "/test.txt?" + query, [("Host", "examplebucket.s3.amazonaws.com")]);

        var error = Fail(request);

        Assert.Equal(SignatureErrorCode.AuthorizationQueryParametersError, error.Code);
    }

    [Fact]
    public void Region_of_the_scope_is_whatever_the_client_signed_with()
    {
        var signer = new TestSigner(AwsExamples.AccessKey, AwsExamples.Secret, "local");
        List<(string Name, string Value)> headers = [("host", "s3.local"), ("x-amz-date", AwsExamples.AmzDate), ("x-amz-content-sha256", EmptySha)];
        var authorization = signer.Authorization("GET", "/bucket", "list-type=2", headers, EmptySha, AwsExamples.Time, out _);

        var request = TestRequests.Create("GET", "/bucket?list-type=2", [.. headers, ("Authorization", authorization)]);

        Assert.Equal(AwsExamples.Principal, AwsExamples.Authenticator().Authenticate(request).Principal);
    }

    [Theory]
    [InlineData("/my%20bucket/a%2Bb/c~d%7Ee", "/my%20bucket/a%2Bb/c~d~e", "")]
    [InlineData("/bucket/a+b/%C3%A9t%C3%A9/./../x", "/bucket/a%2Bb/%C3%A9t%C3%A9/./../x", "")]
    [InlineData("/bucket/dir%2Fkey", "/bucket/dir%2Fkey", "")]
    [InlineData("/bucket?prefix=a%2Fb&delimiter=%2F&list-type=2&encoding-type=url&empty", "/bucket", "delimiter=%2F&empty=&encoding-type=url&list-type=2&prefix=a%2Fb")]
    [InlineData("/bucket?uploads", "/bucket", "uploads=")]
    [InlineData("/bucket?prefix=a b&x=1/2", "/bucket", "prefix=a%20b&x=1%2F2")]
    public void Canonical_uri_and_query_follow_the_S3_encoding_rules(string rawTarget, string canonicalUri, string canonicalQuery)
    {
        var signer = AwsExamples.Signer;
        List<(string Name, string Value)> headers = [("host", "s3.local"), ("x-amz-date", AwsExamples.AmzDate), ("x-amz-content-sha256", EmptySha)];
        var authorization = signer.Authorization("GET", canonicalUri, canonicalQuery, headers, EmptySha, AwsExamples.Time, out _);

        var request = TestRequests.Create("GET", rawTarget, [.. headers, ("Authorization", authorization)]);

        Assert.Equal(AwsExamples.Principal, AwsExamples.Authenticator().Authenticate(request).Principal);
    }

    [Fact]
    public void Header_values_are_trimmed_and_inner_spaces_collapsed()
    {
        var signer = AwsExamples.Signer;
        List<(string Name, string Value)> signed = [("host", "s3.local"), ("x-amz-date", AwsExamples.AmzDate), ("x-amz-content-sha256", EmptySha), ("x-amz-meta-note", "a b c")];
        var authorization = signer.Authorization("GET", "/b/k", string.Empty, signed, EmptySha, AwsExamples.Time, out _);

        var request = TestRequests.Create("GET", "/b/k",
        [
            ("Host", "s3.local"),
            ("X-Amz-Date", AwsExamples.AmzDate),
            ("X-Amz-Content-Sha256", EmptySha),
            ("X-Amz-Meta-Note", "   a    b  \t c  "),
            ("Authorization", authorization),
        ]);

        Assert.Equal(AwsExamples.Principal, AwsExamples.Authenticator().Authenticate(request).Principal);
    }

    private static SignatureException Fail(HttpRequest request, FixedTimeProvider? time = null) =>
        Assert.Throws<SignatureException>(() => AwsExamples.Authenticator(time).Authenticate(request));

    /// <summary>The published GET Object example, with one part changed.</summary>
    private static HttpRequest GetObject(
        string? signature = null,
        string? credential = null,
        string? authorization = null,
        string range = "bytes=0-9",
        string contentSha = EmptySha,
        (string Name, string Value)? extra = null)
    {
        authorization ??= $"AWS4-HMAC-SHA256 Credential={credential ?? AwsExamples.Credential},SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature={signature ?? GetObjectSignature}";
        List<(string Name, string Value)> headers =
        [
            ("Host", "examplebucket.s3.amazonaws.com"),
            ("Authorization", authorization),
            ("Range", range),
            ("x-amz-content-sha256", contentSha),
            ("x-amz-date", AwsExamples.AmzDate),
        ];
        if (extra is { } e)
        {
            headers.Add(e);
        }

        return TestRequests.Create("GET", "/test.txt", headers);
    }

    private static HttpRequest PresignedExample(string path = "/test.txt") =>
        TestRequests.Create("GET",
            path + "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404",
            [("Host", "examplebucket.s3.amazonaws.com")]);
}
